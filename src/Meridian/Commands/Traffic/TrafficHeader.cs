namespace Meridian.Commands.Traffic;

/// <summary>
/// Where traffic figures come from, for <see cref="TrafficText"/>: the kind of source ("capture", "live"),
/// its description, the server address and how it was found, the NTP port (none when the server's
/// listen addresses already say it), and extra lines (skipped packets, warnings) printed after the figures.
/// </summary>
public sealed record TrafficHeader(string Kind, string Source, string? Server, int? Port, string? ServerNote, IReadOnlyList<string> Notes);
