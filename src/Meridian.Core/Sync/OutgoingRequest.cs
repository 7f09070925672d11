namespace Meridian.Core.Sync;

/// <summary>A request for the edge to send to a source, from a fresh random source port.</summary>
public sealed record OutgoingRequest(int SourceId, NetEndpoint Destination, byte[] Packet);
