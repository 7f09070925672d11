using System.Net;
using Meridian.Core.Client;
using Meridian.Core.Sync;
using Meridian.Core.Time;
using Meridian.Net.Nts;

namespace Meridian.Net.Tests.Nts;

/// <summary>The sync thread's NTS state for <c>nts</c> upstreams (<see cref="NtsUpstreams"/>), before any keys exist.</summary>
public sealed class NtsUpstreamsTests
{
    private static readonly MonotonicTime Now = new(1_000_000_000);

    [Fact]
    public void SendsNothing_BeforeNtsKeHasGivenKeys_AndSaysWhy()
    {
        using var nts = new NtsUpstreams(null, _ => { });

        OutgoingRequest? sent = nts.Prepare(Request(1), Now, out string? failure);

        Assert.Null(sent);
        Assert.Equal("NTS-KE with localhost under way (first)", failure);
    }

    [Fact]
    public void PassesRepliesOfPlainSources_AndDropsUnauthenticatedRepliesOfNtsSources()
    {
        using var nts = new NtsUpstreams(null, _ => { });
        nts.Prepare(Request(1), Now, out _);
        byte[] reply = new byte[48];

        Assert.True(nts.Accept(2, reply, out string? plain));
        Assert.Null(plain);
        Assert.False(nts.Accept(1, reply, out string? failure));
        Assert.StartsWith("NTS: the reply did not authenticate", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ForgetsSources_NoLongerConfigured()
    {
        using var nts = new NtsUpstreams(null, _ => { });
        nts.Prepare(Request(1), Now, out _);
        nts.Prepare(Request(2), Now, out _);

        nts.Retain([2, 3]);

        Assert.Equal(1, nts.Count);
        Assert.True(nts.Accept(1, new byte[48], out _));
    }

    /// <summary>A poll of an NTS source whose KE port is closed (TCP port 1 on loopback): the KE started fails at once.</summary>
    private static OutgoingRequest Request(int sourceId) =>
        new(sourceId, SocketEndpoints.FromIPEndPoint(new IPEndPoint(IPAddress.Loopback, 123)), SntpRequest.Create(7).Packet) { Nts = new NtsUpstream("localhost", 1) };
}
