using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meridian.Control;

/// <summary>The JSON settings of the control socket and of <c>--json</c>: camelCase, enums as names.</summary>
public static class ControlJson
{
    /// <summary>One line on the wire.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>For people: the CLI's <c>--json</c> output.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static string Error(string message) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }, Compact);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = indented,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
