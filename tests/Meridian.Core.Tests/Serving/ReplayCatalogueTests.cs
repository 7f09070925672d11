using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>Serving policy catalogue G: replayed and old requests are answered fresh, nothing is cached.</summary>
public class ReplayCatalogueTests
{
    [Fact]
    public void AnswersTheSameRequest100Times_EachWithItsOwnReceiveTime()
    {
        var harness = new ServingHarness();
        byte[] request = Requests.Client();

        for (int i = 0; i < 100; i++)
        {
            var receive = new NtpTimestamp(ServingHarness.Receive.Value + (ulong)i * 42_949_673); // 10 ms apart
            byte[]? reply = harness.Serve(request, receive: receive);

            Assert.NotNull(reply);
            Assert.Equal(InterleavedReplies.MarkReceive(receive), NtpTimestamp.Read(reply.AsSpan(NtpHeader.ReceiveTimestampOffset)));
        }

        Assert.Equal(100, harness.Counters.Received);
    }

    [Fact]
    public void AnswersARequestStampedHoursAgo_EchoingItsTransmitTime()
    {
        var harness = new ServingHarness();
        var hoursAgo = new NtpTimestamp(ServingHarness.Receive.Value - (5UL * 3600 << 32));
        byte[] request = Requests.Client(transmit: hoursAgo);

        byte[]? reply = harness.Serve(request);

        Assert.NotNull(reply);
        Assert.Equal(hoursAgo, NtpTimestamp.Read(reply.AsSpan(NtpHeader.OriginTimestampOffset)));
        Assert.Equal(ServingHarness.Receive, NtpTimestamp.Read(reply.AsSpan(NtpHeader.ReceiveTimestampOffset)));
    }
}
