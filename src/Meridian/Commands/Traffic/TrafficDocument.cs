namespace Meridian.Commands.Traffic;

/// <summary>The figures of <c>meridian traffic --json</c>: the same numbers as the text, one field each.</summary>
public sealed record TrafficDocument(
    string Kind,
    string Source,
    string? Server,
    string? ServerNote,
    int? Port,
    double Seconds,
    long PacketsIn,
    long PacketsOut,
    long BytesIn,
    long BytesOut,
    long BytesTotal,
    double KbpsIn,
    double KbpsOut,
    double KbpsTotal,
    long Clients,
    bool ClientsEstimated,
    double ClientsRelativeError,
    double OutboundGbPerMonth,
    double PricePerGb,
    double CostPerMonth,
    IReadOnlyList<string> Notes);
