using System.Globalization;
using System.Text;
using System.Text.Json;
using Meridian.Control;
using Meridian.Core.Analysis;
using Meridian.Core.Serving;

namespace Meridian.Commands.Traffic;

/// <summary>
/// Traffic figures with their arithmetic shown, as an operator would check them by hand, or as JSON.
/// Independent of where the figures come from (a capture, or the running server).
/// </summary>
public static class TrafficText
{
    private static readonly NumberFormatInfo Spaced = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = "." };

    public static string Format(TrafficFigures f, double pricePerGb, TrafficHeader header)
    {
        var text = new StringBuilder();
        string server = header.Server is null ? "no server found" : $"server {header.Server}{(header.ServerNote is null ? "" : $" ({header.ServerNote})")}";
        Line(text, header.Kind, $"{header.Source}: {Seconds(f.Seconds)}{Span(f.Seconds)}, {server}{(header.Port is int port ? $", port {port}" : "")}");
        Line(text, "packets", $"{Grouped(f.PacketsIn)} in, {Grouped(f.PacketsOut)} out");
        Line(text, "bytes", $"{Grouped(f.BytesIn)} in + {Grouped(f.BytesOut)} out = {Grouped(f.BytesTotal)} (IP + UDP + NTP)");
        if (f.Seconds > 0)
        {
            Line(text, "bandwidth", $"{Grouped(f.BytesTotal)} B × 8 / {Seconds(f.Seconds)} = {Fixed(f.KbpsTotal, 1)} kbps (in {Fixed(f.KbpsIn, 1)}, out {Fixed(f.KbpsOut, 1)})");
        }
        else
        {
            Line(text, "bandwidth", "n/a: the packets span no time");
        }

        Line(text, "clients", Clients(f.Clients));
        if (f.Seconds > 0)
        {
            Line(text, "egress", $"{Grouped(f.BytesOut)} B / {Seconds(f.Seconds)} × {Grouped((long)TrafficFigures.SecondsPerMonth)} s (30 days) = {Fixed(f.OutboundGbPerMonth, 2)} GB per month");
            Line(text, "cost", $"{Fixed(f.OutboundGbPerMonth, 2)} GB × ${Price(pricePerGb)} = ${Fixed(f.CostPerMonth(pricePerGb), 2)} per month (outbound only)");
        }

        foreach (string note in header.Notes)
        {
            text.AppendLine(note);
        }

        return text.ToString();
    }

    public static string Json(TrafficFigures f, double pricePerGb, TrafficHeader header) =>
        JsonSerializer.Serialize(Document(f, pricePerGb, header), ControlJson.Text.TrafficDocument) + "\n";

    public static TrafficDocument Document(TrafficFigures f, double pricePerGb, TrafficHeader header) => new(
        header.Kind, header.Source, header.Server, header.ServerNote, header.Port, f.Seconds,
        f.PacketsIn, f.PacketsOut, f.BytesIn, f.BytesOut, f.BytesTotal, f.KbpsIn, f.KbpsOut, f.KbpsTotal,
        f.Clients.Value, f.Clients.IsEstimate, f.Clients.RelativeError,
        f.OutboundGbPerMonth, pricePerGb, f.CostPerMonth(pricePerGb), header.Notes);

    /// <summary>A number with its digits grouped by spaces: 1 154 718 900.</summary>
    public static string Grouped(long value) => value.ToString("#,0", Spaced);

    private static void Line(StringBuilder text, string label, string value) => text.Append(label.PadRight(11)).Append(' ').AppendLine(value);

    private static string Fixed(double value, int decimals) => value.ToString("#,0." + new string('0', decimals), Spaced);

    private static string Seconds(double seconds) => Fixed(seconds, 2) + " s";

    private static string Price(double price) => price.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>"321 distinct addresses (exact)" or "~1 234 567 distinct addresses (estimate, ±0.8 %)".</summary>
    public static string Clients(UniqueCount clients) => clients.IsEstimate
        ? $"~{Grouped(clients.Value)} distinct addresses (estimate, ±{Fixed(clients.RelativeError * 100, 1)} %)"
        : $"{Grouped(clients.Value)} distinct addresses (exact)";

    /// <summary>" (16 h 41 min 39 s)" for a minute or more, nothing below.</summary>
    private static string Span(double seconds)
    {
        if (seconds < 60)
        {
            return "";
        }

        var span = TimeSpan.FromSeconds(Math.Floor(seconds));
        string days = span.Days > 0 ? $"{span.Days} d " : "";
        return $" ({days}{span.Hours} h {span.Minutes} min {span.Seconds} s)";
    }
}
