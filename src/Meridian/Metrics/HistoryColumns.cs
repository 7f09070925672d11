using Meridian.Core.Serving;

namespace Meridian.Metrics;

/// <summary>
/// The series the history keeps, one float each per row: the served clock, the traffic as rates per
/// second, every drop reason, and offset/delay/jitter of up to <see cref="SourceSlots"/> sources (a
/// source keeps the slot it was first seen in).
/// </summary>
public static class HistoryColumns
{
    public const int SourceSlots = 8;

    public const int OffsetMs = 0;
    public const int FrequencyPpm = 1;
    public const int ReceivedPerSecond = 2;
    public const int ServedPerSecond = 3;
    public const int DroppedPerSecond = 4;
    public const int KodsPerSecond = 5;
    public const int BytesInPerSecond = 6;
    public const int BytesOutPerSecond = 7;
    public const int Clients = 8;
    public const int FirstDropReason = 9;

    public static IReadOnlyList<DropReason> DropReasons { get; } = [.. Enum.GetValues<DropReason>().Where(r => r != DropReason.None)];

    public static int FirstSource => FirstDropReason + DropReasons.Count;

    public static int Count => FirstSource + (3 * SourceSlots);

    /// <summary>The JSON names, in column order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "offsetMs", "frequencyPpm", "receivedPerSecond", "servedPerSecond", "droppedPerSecond", "kodsPerSecond",
        "bytesInPerSecond", "bytesOutPerSecond", "clients",
        .. DropReasons.Select(r => "drop" + r + "PerSecond"),
        .. Enumerable.Range(0, SourceSlots).SelectMany(i => new[] { $"source{i}OffsetMs", $"source{i}DelayMs", $"source{i}JitterMs" }),
    ];

    public static int SourceOffset(int slot) => FirstSource + (3 * slot);
}
