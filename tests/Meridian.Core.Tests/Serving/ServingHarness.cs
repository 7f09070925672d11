using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Serving;

/// <summary>
/// Runs datagrams through the real <see cref="ServingPath"/> as a serving loop does, asserting P4
/// (one reply at most, never longer than the request) on every reply.
/// </summary>
internal sealed class ServingHarness
{
    public static readonly NetEndpoint Client = NetEndpoint.FromIPv4(0xC0000201, 40123);
    public static readonly NetEndpoint Server = NetEndpoint.FromIPv4(0xC0000202, 123);
    public static readonly NtpTimestamp Receive = new(0xEA00_0000_1000_0001); // odd: served receive timestamps have their lowest bit set (InterleavedReplies)
    public static readonly NtpTimestamp Transmit = new(0xEA00_0000_2000_0000);

    private readonly ServingPath _path;
    private readonly byte[] _transmitBuffer = new byte[65536];

    public ServingHarness(ServerState? state = null, params NetEndpoint[] localAddresses)
        : this(ServingPolicy.Open(), state, localAddresses)
    {
    }

    public ServingHarness(ServingPolicy policy, ServerState? state = null, params NetEndpoint[] localAddresses)
        : this(policy, new ServingCounters(), state, localAddresses)
    {
    }

    public ServingHarness(ServingPolicy policy, ServingCounters counters, ServerState? state = null, params NetEndpoint[] localAddresses)
    {
        State = state ?? ServerState.LocalClock(1, -20, new NtpTimestamp(0xE9FF_FFFF_0000_0000));
        Counters = counters;
        _path = new ServingPath(new RequestClassifier(localAddresses), Counters, policy);
    }

    public ServerState State { get; }

    public ServingCounters Counters { get; }

    /// <summary>The reply bytes, or null when the request was dropped.</summary>
    public byte[]? Serve(byte[] request, NetEndpoint? source = null, NetEndpoint? destination = null, NtpTimestamp? receive = null, MonotonicTime now = default, bool offLoopback = false)
    {
        int length = _path.Handle(request, _transmitBuffer, source ?? Client, destination ?? Server, receive ?? Receive, now, State, offLoopback);
        if (length == 0)
        {
            return null;
        }

        Assert.True(_path.MaySend(length, request.Length), $"reply of {length} bytes for a request of {request.Length}");
        Span<byte> reply = _transmitBuffer.AsSpan(0, length);
        Assert.True(_path.StampAndSeal(reply, Transmit), "the reply could not be sealed");
        _path.CountSent(true, length);
        return reply.ToArray();
    }
}
