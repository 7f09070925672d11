using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>
/// One ntpdig/sntp answer: offset and synchronization distance (ntpdig's "+/-", which grows with
/// the round-trip delay). Like an NTP clock filter, a test keeps the sample with the smallest
/// distance from a few, so a scheduling hiccup on a busy 2-core machine is not read as an error.
/// </summary>
internal sealed partial record NtpdigSample(double Offset, double Distance, int Stratum, string Leap)
{
    public const int Samples = 5;

    public static NtpdigSample FromJson(string output)
    {
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        return new NtpdigSample(
            root.GetProperty("offset").GetDouble(),
            root.GetProperty("precision").GetDouble(),
            root.GetProperty("stratum").GetInt32(),
            root.GetProperty("leap").GetString()!);
    }

    /// <summary>Parses the classic sntp line: <c>DATE TIME (TZ) +0.000234 +/- 0.000344 HOST s1 no-leap</c>.</summary>
    public static NtpdigSample FromText(string output)
    {
        Match line = TextLine().Match(output);
        Assert.True(line.Success, $"not an sntp answer: {output}");
        return new NtpdigSample(
            double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture),
            line.Groups[4].Value);
    }

    /// <summary>Runs the client <see cref="Samples"/> times and returns the sample with the smallest distance.</summary>
    public static NtpdigSample Best(Func<ExternalTool.Result> query, Func<string, NtpdigSample> parse, string serverLog)
    {
        var samples = new List<NtpdigSample>();
        for (int i = 0; i < Samples; i++)
        {
            ExternalTool.Result result = query();
            Assert.True(result.ExitCode == 0, $"{result.All}\n{serverLog}");
            samples.Add(parse(result.Output));
        }

        return samples.MinBy(s => s.Distance)!;
    }

    [GeneratedRegex(@" ([+-]\d+\.\d+) \+/- (\d+\.\d+) \S+ s(\d+) (\S+)")]
    private static partial Regex TextLine();
}
