namespace Meridian.Core.Sync;

/// <summary>A DNS lookup for the edge to make; the answer comes back through <see cref="Synchronizer.HandleResolved"/>.</summary>
public sealed record ResolveRequest(int UpstreamIndex, string Name, ushort Port);
