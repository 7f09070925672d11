using System.Net;
using Meridian.Configuration;

namespace Meridian.Commands.Serve;

/// <summary>
/// What <c>meridian serve</c> was asked: the configuration file (null for the built-in defaults), listen
/// addresses overriding it (empty for none), serving threads per address, and the user to run as.
/// </summary>
public sealed record ServeOptions(string? ConfigFile, IReadOnlyList<IPEndPoint> Listen, int Workers, string? User)
{
    /// <summary>The most serving threads per listen address (more is clamped to it, as is less than one to one).</summary>
    public const int MaxWorkers = 256;

    /// <summary>The options from the command line's values, or the reason they are wrong (a usage error).</summary>
    public static ServeOptions? TryCreate(string? configFile, IReadOnlyList<string> listen, int workers, string? user, out string problem)
    {
        var endPoints = new List<IPEndPoint>();
        problem = "";
        foreach (string value in listen)
        {
            if (!ListenAddress.TryParse(value, out IPEndPoint endPoint))
            {
                problem = $"--listen '{value}' is not ADDR, ADDR:PORT or [IPv6]:PORT";
                return null;
            }

            endPoints.Add(endPoint);
        }

        return new ServeOptions(configFile, endPoints, Math.Clamp(workers, 1, MaxWorkers), user);
    }
}
