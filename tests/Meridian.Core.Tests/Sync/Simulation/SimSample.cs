using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>The served clock's error against true time, what it claimed and its system peer, at one moment.</summary>
internal readonly record struct SimSample(double Time, double Error, LeapIndicator Leap, byte Stratum, double RootDispersion, string? SystemPeer = null, double RootDelay = 0)
{
    /// <summary>The bound on the error the server claims (RFC 5905 root distance).</summary>
    public double RootDistance => RootDelay / 2 + RootDispersion;

    /// <summary>What a client of the simulated server got: the leap indicator of the reply (the real responder).</summary>
    public LeapIndicator ClientLeap { get; init; }

    /// <summary>The reply's transmit timestamp minus true UTC when it was stamped.</summary>
    public double ClientError { get; init; }

    /// <summary>The reference id of that reply.</summary>
    public uint ReferenceId { get; init; }
}
