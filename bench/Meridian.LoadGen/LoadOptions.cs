using System.Globalization;
using System.Net;

namespace Meridian.LoadGen;

/// <summary>
/// <c>meridian-loadgen --server 127.0.0.1:123 --rates 20000,60000 --seconds 3 --sources 16 [--control SOCKET]</c>;
/// with the server's control socket each step also reports the server's kernel T3 error (mean, p99).
/// Loopback servers only; each step at most 60 s, at most 20 steps, at most 1 000 000 requests/s.
/// </summary>
internal sealed record LoadOptions(IPEndPoint Server, IReadOnlyList<int> Rates, double Seconds, int Sources, string? ControlSocket = null)
{
    public const double MaxStepSeconds = 60;
    public const int MaxSteps = 20;
    public const int MaxRate = 1_000_000;

    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var server = IPEndPoint.Parse(Value("--server", "127.0.0.1:123"));
        if (!IPAddress.IsLoopback(server.Address))
        {
            throw new ArgumentException($"refusing {server}: the load generator only sends to loopback addresses");
        }

        var rates = Value("--rates", "20000,60000,100000").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
        double seconds = double.Parse(Value("--seconds", "3"), CultureInfo.InvariantCulture);
        int sources = int.Parse(Value("--sources", "16"), CultureInfo.InvariantCulture);
        if (rates.Count is 0 or > MaxSteps || rates.Any(r => r is < 1 or > MaxRate) || seconds is <= 0 or > MaxStepSeconds || sources is < 1 or > 65535)
        {
            throw new ArgumentException($"rates 1..{MaxRate} (at most {MaxSteps} steps), seconds 0..{MaxStepSeconds}, sources 1..65535");
        }

        string? control = Value("--control", "");
        return new LoadOptions(server, rates, seconds, sources, control.Length > 0 ? control : null);
    }
}
