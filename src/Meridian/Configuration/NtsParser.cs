using System.Globalization;

namespace Meridian.Configuration;

/// <summary>The NTS directives, with chrony's names and argument forms.</summary>
public static class NtsParser
{
    public static readonly IReadOnlyList<string> Directives =
        ["ntsservercert", "ntsserverkey", "ntsport", "ntsntpserver", "ntsratelimit", "maxntsconnections", "ntstrustedcerts"];

    private static readonly Dictionary<string, TuningRange> RateLimitKeys = new()
    {
        ["interval"] = new(-4, 12, WholeNumbers: true), ["burst"] = new(1, 255, WholeNumbers: true),
    };

    internal static void Apply(ConfigLine line, ConfigReader reader)
    {
        NtsOptions nts = reader.Options.Nts;
        switch (line.Directive)
        {
            case "ntsservercert":
                nts.ServerCertificate = Once(line, nts.ServerCertificate, "a PEM certificate file");
                reader.NoteNts(line);
                break;
            case "ntsserverkey":
                nts.ServerKey = Once(line, nts.ServerKey, "a PEM private key file");
                reader.NoteNts(line);
                break;
            case "ntsport":
                nts.Port = line.NextInt("ntsport", 1, 65535);
                line.EndOfLine();
                break;
            case "ntsntpserver":
                nts.NtpServer = ParseHostName(line);
                break;
            case "ntsratelimit":
                foreach (TuningValue value in line.KeyValues(RateLimitKeys))
                {
                    if (value.Key == "interval") nts.RateInterval = (int)value.Value;
                    else nts.RateBurst = (int)value.Value;
                }

                break;
            case "maxntsconnections":
                nts.MaxConnections = line.NextInt("maxntsconnections", 1, 100_000);
                line.EndOfLine();
                break;
            case "ntstrustedcerts":
                nts.TrustedCertificates.Add(line.OnlyArgument("a PEM file or a directory of them"));
                break;
        }
    }

    /// <summary>The effective-configuration lines (<see cref="ConfigWriter"/>): only what differs from the defaults.</summary>
    public static IEnumerable<string> Lines(NtsOptions nts)
    {
        if (nts.ServerCertificate is not null) yield return $"ntsservercert {nts.ServerCertificate}";
        if (nts.ServerKey is not null) yield return $"ntsserverkey {nts.ServerKey}";
        if (nts.Port != NtsOptions.DefaultPort) yield return $"ntsport {nts.Port}";
        if (nts.NtpServer is not null) yield return $"ntsntpserver {nts.NtpServer}";
        if (nts.RateInterval != NtsOptions.DefaultRateInterval || nts.RateBurst != NtsOptions.DefaultRateBurst)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"ntsratelimit interval {nts.RateInterval} burst {nts.RateBurst}");
        }

        if (nts.MaxConnections != NtsOptions.DefaultMaxConnections) yield return $"maxntsconnections {nts.MaxConnections}";
        foreach (string trusted in nts.TrustedCertificates) yield return $"ntstrustedcerts {trusted}";
    }

    private static string Once(ConfigLine line, string? current, string what)
    {
        string value = line.OnlyArgument(what);
        return current is null ? value
            : throw line.Error($"'{line.Directive}' is already set ({current}): one certificate and key pair is served");
    }

    /// <summary>A host name or address for the Server Negotiation record: printable ASCII, at most 255 characters.</summary>
    private static string ParseHostName(ConfigLine line)
    {
        string name = line.OnlyArgument("a host name or address");
        return name.Length <= 255 && name.All(c => c is > ' ' and <= '~')
            ? name
            : throw line.Error($"'{name}' is not a host name or address (printable ASCII, at most 255 characters)");
    }
}
