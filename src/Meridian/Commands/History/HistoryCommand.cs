using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Meridian.Commands.Control;
using Meridian.Control;

namespace Meridian.Commands.History;

/// <summary>
/// <c>meridian history</c>: the server's own history (1 s rows for the last hour, 1 min rows for the
/// last 7 days) over the control socket; <c>--json</c> prints the whole columnar document.
/// </summary>
public static class HistoryCommand
{
    private const int RowsShown = 10;

    public static Command Build() => ControlCommand.Build(
        "history", "show the running server's history: 1 s rows for the last hour, 1 min rows for 7 days", Run);

    public static int Run(string socketPath, bool json, TextWriter output, TextWriter error)
    {
        string answer;
        try
        {
            answer = ControlClient.Exchange(socketPath, "history");
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.TryGetProperty("error", out JsonElement problem))
            {
                throw new ControlSocketException($"the server at {socketPath} answered: {problem}");
            }

            output.Write(json ? answer.TrimEnd() + "\n" : Format(document.RootElement));
        }
        catch (Exception e) when (e is ControlSocketException or JsonException)
        {
            error.WriteLine($"meridian history: {e.Message}");
            return ControlCommand.ExitUnreachable;
        }

        return 0;
    }

    /// <summary>The last rows of each resolution, newest last.</summary>
    private static string Format(JsonElement history)
    {
        var text = new StringBuilder();
        foreach (string resolution in new[] { "seconds", "minutes" })
        {
            JsonElement rows = history.GetProperty(resolution);
            int count = rows.GetProperty("time").GetArrayLength();
            text.Append(CultureInfo.InvariantCulture, $"{resolution}: {count} rows kept, the last {Math.Min(count, RowsShown)}:\n");
            text.Append("  time (UTC)             offset ms   freq ppm   served/s  dropped/s    clients\n");
            for (int row = Math.Max(0, count - RowsShown); row < count; row++)
            {
                long time = rows.GetProperty("time")[row].GetInt64();
                text.Append(CultureInfo.InvariantCulture, $"  {DateTimeOffset.FromUnixTimeSeconds(time):yyyy-MM-dd HH:mm:ss}")
                    .Append(Cell(rows, "offsetMs", row, "+0.000;-0.000;0.000"))
                    .Append(Cell(rows, "frequencyPpm", row, "+0.000;-0.000;0.000"))
                    .Append(Cell(rows, "servedPerSecond", row, "0.0"))
                    .Append(Cell(rows, "droppedPerSecond", row, "0.0"))
                    .Append(Cell(rows, "clients", row, "0"))
                    .Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Cell(JsonElement rows, string column, int row, string format)
    {
        JsonElement value = rows.GetProperty(column)[row];
        string shown = value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "-";
        return shown.PadLeft(11);
    }
}
