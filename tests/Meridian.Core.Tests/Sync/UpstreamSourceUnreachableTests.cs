using Meridian.Core.Sync;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>A request that fails at once (an ICMP error the edge read) is the source's failure, shown until a reply comes.</summary>
public class UpstreamSourceUnreachableTests
{
    private const string Refused = "port unreachable (nothing listens there)";

    [Fact]
    public void RecordsTheFailure_AndLeavesTheReachBitClear()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();

        Assert.True(exchange.Source.HandleUnreachable(Refused));

        Assert.Equal(Refused, exchange.Source.LastFailure);
        Assert.Equal(1, exchange.Source.Failures);
        Assert.Equal(0, exchange.Source.Reach);
    }

    [Fact]
    public void IgnoresAFailure_WhenNoRequestIsInFlight()
    {
        var exchange = new SourceWithServer();
        exchange.PollAndAnswer();

        Assert.False(exchange.Source.HandleUnreachable(Refused));

        Assert.Null(exchange.Source.LastFailure);
        Assert.Equal(1, exchange.Source.Reach);
    }

    [Fact]
    public void SendsNothingMoreBeforeTheNextPoll()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        MonotonicTime due = exchange.Source.NextPoll;

        exchange.Source.HandleUnreachable(Refused);

        Assert.Equal(due, exchange.Source.NextPoll);
        Assert.Null(exchange.Source.HandlePoll(exchange.At(due.AddSeconds(-0.001)), exchange.Correction));
    }

    [Fact]
    public void ClearsTheFailure_WhenTheNextPollIsAnswered()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        exchange.Source.HandleUnreachable(Refused);

        exchange.PollAndAnswer();

        Assert.Null(exchange.Source.LastFailure);
        Assert.Equal(1, exchange.Source.Reach & 1);
    }

    [Fact]
    public void ShowsTheSourceAsUnreachableInThePeersSnapshot()
    {
        var harness = new SyncHarness(new SynchronizerOptions([SyncHarness.Server("192.0.2.1")], new DisciplineOptions()));
        harness.Resolves(0, SyncHarness.Address(1));
        harness.RunFor(1.5);
        int id = harness.Synchronizer.Sources.Single().Id;

        SyncStep step = harness.Synchronizer.HandleUnreachable(id, Refused, harness.Local);

        Assert.Empty(step.Requests);
        SourceSnapshot row = harness.Synchronizer.Snapshot(harness.Local).Sources.Single();
        Assert.Equal(Refused, row.Failure);
        Assert.Equal("UNREACH", row.ReferenceId);
        Assert.Equal(0, row.Reach);
    }
}
