using System.Globalization;

namespace Meridian.Configuration;

/// <summary>The tokens of one configuration line, read left to right, with errors that name file and line.</summary>
public sealed class ConfigLine(string file, int number, IReadOnlyList<string> tokens)
{
    private int _next = 1;

    public string Directive => tokens[0];

    public bool HasMore => _next < tokens.Count;

    /// <summary><c>FILE:LINE</c>.</summary>
    public string Location => $"{file}:{number}";

    public ConfigException Error(string reason) => new(file, number, reason);

    /// <summary>A warning about this line: <c>FILE:LINE: text</c>.</summary>
    public string Warning(string text) => $"{file}:{number}: {text}";

    public string Next(string what) =>
        HasMore ? tokens[_next++] : throw Error($"'{Directive}' needs {what}");

    public string? Peek() => HasMore ? tokens[_next] : null;

    public int NextInt(string name, int min, int max)
    {
        string token = Next($"a value for '{name}'");
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw Error($"'{name}' must be an integer from {min} to {max}, not '{token}'");
        }

        return value;
    }

    public double NextNumber(string name, double min, double max, bool wholeNumbers = false)
    {
        string token = Next($"a value for '{name}'");
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            !double.IsFinite(value) || value < min || value > max || (wholeNumbers && value != Math.Floor(value)))
        {
            string kind = wholeNumbers ? "an integer" : "a number";
            throw Error($"'{name}' must be {kind} from {min} to {max}, not '{token}'");
        }

        return value;
    }

    /// <summary>The single argument of a directive such as <c>driftfile PATH</c>.</summary>
    public string OnlyArgument(string what)
    {
        string value = Next(what);
        EndOfLine();
        return value;
    }

    public void EndOfLine()
    {
        if (HasMore)
        {
            throw Error($"unexpected '{tokens[_next]}' after '{Directive}'");
        }
    }

    /// <summary>Reads <c>KEY VALUE</c> pairs where each key has a range and may take integers only; at least one pair.</summary>
    public List<TuningValue> KeyValues(IReadOnlyDictionary<string, TuningRange> keys)
    {
        var values = new List<TuningValue>();
        do
        {
            string key = Next("a setting");
            if (!keys.TryGetValue(key, out var range))
            {
                throw Error($"unknown '{Directive}' setting '{key}' (known: {string.Join(", ", keys.Keys)})");
            }

            values.Add(new TuningValue(key, NextNumber(key, range.Min, range.Max, range.WholeNumbers)));
        }
        while (HasMore);

        return values;
    }
}
