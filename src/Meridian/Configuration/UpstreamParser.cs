namespace Meridian.Configuration;

/// <summary><c>server HOST [options]</c> and <c>pool HOST [options]</c>.</summary>
public static class UpstreamParser
{
    private const int MinPollLimit = 3;
    private const int MaxPollLimit = 17;

    public static UpstreamOptions Parse(ConfigLine line, UpstreamKind kind)
    {
        string host = line.Next("a host name or address");
        if (!IsHostName(host) && !IpAddressText.TryParse(host, out _))
        {
            throw line.Error($"'{host}' is not a host name or IP address");
        }

        var upstream = new UpstreamOptions { Kind = kind, Host = host };
        while (line.HasMore)
        {
            ParseOption(line, upstream);
        }

        if (upstream.MinPoll > upstream.MaxPoll)
        {
            throw line.Error($"minpoll {upstream.MinPoll} is above maxpoll {upstream.MaxPoll}");
        }

        if (upstream.NtsPort != Meridian.Core.Sync.NtsUpstream.DefaultKePort && !upstream.Nts)
        {
            throw line.Error("ntsport needs the nts option");
        }

        return upstream;
    }

    private static void ParseOption(ConfigLine line, UpstreamOptions upstream)
    {
        string option = line.Next("an option");
        switch (option)
        {
            case "iburst": upstream.Iburst = true; break;
            case "burst": upstream.Burst = true; break;
            case "prefer": upstream.Prefer = true; break;
            case "noselect": upstream.NoSelect = true; break;
            case "minpoll": upstream.MinPoll = line.NextInt(option, MinPollLimit, MaxPollLimit); break;
            case "maxpoll": upstream.MaxPoll = line.NextInt(option, MinPollLimit, MaxPollLimit); break;
            case "port": upstream.Port = line.NextInt(option, 1, 65535); break;
            case "version": upstream.Version = line.NextInt(option, 1, 4); break;
            case "nts": upstream.Nts = true; break;
            case "ntsport": upstream.NtsPort = line.NextInt(option, 1, 65535); break;
            case "maxsources" when upstream.Kind == UpstreamKind.Pool: upstream.MaxSources = line.NextInt(option, 1, 16); break;
            default: throw line.Error($"unknown option '{option}' for '{line.Directive}'");
        }
    }

    /// <summary>A DNS name: labels of letters, digits and hyphens, at most 253 characters.</summary>
    private static bool IsHostName(string host) =>
        host.Length <= 253 && host.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' &&
            label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
