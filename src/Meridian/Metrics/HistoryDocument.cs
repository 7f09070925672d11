using System.Text;
using System.Text.Json;

namespace Meridian.Metrics;

/// <summary>
/// The history as columnar JSON, the shape uPlot plots directly:
/// <c>{"sources":[…],"seconds":{"time":[…],"offsetMs":[…],…},"minutes":{…}}</c>; a missing value is null.
/// </summary>
public static class HistoryDocument
{
    public static string Write(HistoryRecorder history, long afterUnixSeconds = long.MinValue)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("sources");
            foreach (string? source in history.Sources)
            {
                json.WriteStringValue(source);
            }

            json.WriteEndArray();
            WriteRows(json, "seconds", history.Seconds.Read(afterUnixSeconds));
            WriteRows(json, "minutes", history.Minutes.Read(afterUnixSeconds));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteRows(Utf8JsonWriter json, string name, HistoryRows rows)
    {
        json.WriteStartObject(name);
        json.WriteStartArray("time");
        foreach (long time in rows.Times)
        {
            json.WriteNumberValue(time);
        }

        json.WriteEndArray();
        for (int column = 0; column < rows.Columns; column++)
        {
            json.WriteStartArray(HistoryColumns.Names[column]);
            for (int row = 0; row < rows.Count; row++)
            {
                float value = rows[row, column];
                if (float.IsFinite(value))
                {
                    json.WriteNumberValue(value);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
