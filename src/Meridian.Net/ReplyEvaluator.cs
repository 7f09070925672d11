using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// Judges one datagram received by <see cref="SntpClient.Exchange{T}"/>: the result, and in
/// <paramref name="answer"/> whether it answers the request (else the wait goes on).
/// </summary>
public delegate T ReplyEvaluator<T>(ReadOnlySpan<byte> reply, NtpTimestamp t1, NtpTimestamp t4, out bool answer);
