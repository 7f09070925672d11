namespace Meridian.Core.Nts;

/// <summary>
/// Fills a buffer with unpredictable bytes. The core has no randomness source: the edge hands one
/// in (<c>RandomNumberGenerator.Fill</c>), tests a seeded one.
/// </summary>
public delegate void NtsRandomFill(Span<byte> destination);
