using System.Text.Json;

namespace Meridian.Control;

/// <summary>The JSON settings of the control socket and of <c>--json</c>: camelCase, enums as names (see <see cref="ControlJsonContext"/>).</summary>
public static class ControlJson
{
    /// <summary>One line on the wire.</summary>
    public static ControlJsonContext Wire { get; } = ControlJsonContext.Default;

    /// <summary>For people: the CLI's <c>--json</c> output.</summary>
    public static ControlJsonContext Text { get; } = new(new JsonSerializerOptions(ControlJsonContext.Default.Options) { WriteIndented = true });

    /// <summary>The options of <see cref="Wire"/> (for readers of the control socket's documents).</summary>
    public static JsonSerializerOptions Compact => Wire.Options;

    /// <summary>The options of <see cref="Text"/>.</summary>
    public static JsonSerializerOptions Indented => Text.Options;

    public static string Error(string message) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }, Wire.DictionaryStringString);
}
