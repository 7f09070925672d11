using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// What came back for one upstream request: the reply <see cref="Packet"/> received at
/// <see cref="At"/>, or, when the kernel reported an ICMP error instead, the <see cref="Failure"/>.
/// </summary>
internal sealed record UpstreamAnswer(int SourceId, byte[]? Packet, LocalTime At, string? Failure);
