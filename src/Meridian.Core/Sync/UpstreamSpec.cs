namespace Meridian.Core.Sync;

/// <summary>A configured upstream: a <c>server</c> (one address) or a <c>pool</c> (up to <see cref="MaxSources"/> addresses).</summary>
public sealed record UpstreamSpec(string Name, ushort Port, bool IsPool, int MaxSources, SourceOptions Options);
