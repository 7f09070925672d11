namespace Meridian.Core.Sync;

/// <summary>A request for the edge to send to a source, from a fresh random source port.</summary>
/// For an NTS source (<see cref="Nts"/> set) the edge adds the NTS extension fields to this 48-byte
/// header, sends it to the NTP server NTS-KE named, and hands back only authenticated replies.
public sealed record OutgoingRequest(int SourceId, NetEndpoint Destination, byte[] Packet)
{
    public NtsUpstream? Nts { get; init; }
}
