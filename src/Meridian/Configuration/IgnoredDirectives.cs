namespace Meridian.Configuration;

/// <summary>
/// ntpd and NTPsec directives Meridian reads but does not act on. Each is accepted so a stock
/// ntp.conf starts, with one warning per directive (at its first line) saying why it does nothing.
/// </summary>
public static class IgnoredDirectives
{
    private const string NoAuthentication = "Meridian has no symmetric-key or Autokey authentication and answers no mode 6/7 control queries";
    private const string NoBroadcast = "Meridian serves only client (mode 3) requests and polls only unicast servers: no broadcast, multicast or manycast";
    private const string NoControl = "Meridian has no ntpq/ntpdc control protocol; use 'meridian status', 'peers' and 'clients'";

    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["keys"] = NoAuthentication,
        ["keysdir"] = NoAuthentication,
        ["trustedkey"] = NoAuthentication,
        ["controlkey"] = NoAuthentication,
        ["requestkey"] = NoAuthentication,
        ["crypto"] = NoAuthentication,
        ["revoke"] = NoAuthentication,
        ["automax"] = NoAuthentication,
        ["ntpsigndsocket"] = "Meridian does not sign replies for Samba/Active Directory clients",
        ["nts"] = "ntpd's 'nts' flags are not read; NTS is configured with chrony's names (ntsservercert, ntsserverkey, ntsport)",
        ["fudge"] = "Meridian has no reference clocks (only the LOCAL driver's 'stratum' is read, see 'server 127.127.1.0')",
        ["broadcast"] = NoBroadcast,
        ["broadcastclient"] = NoBroadcast,
        ["broadcastdelay"] = NoBroadcast,
        ["multicastclient"] = NoBroadcast,
        ["manycastserver"] = NoBroadcast,
        ["manycastclient"] = NoBroadcast,
        ["mdnstries"] = "Meridian does not register with mDNS",
        ["ttl"] = NoBroadcast,
        ["setvar"] = NoControl,
        ["trap"] = NoControl,
        ["mru"] = "Meridian's client table is sized by 'ratelimit table'",
        ["reset"] = NoControl,
        ["logconfig"] = "Meridian logs every message class; its level is not configurable",
        ["saveconfigdir"] = NoControl,
        ["phone"] = "Meridian has no modem reference clocks",
        ["calldelay"] = "Meridian has no modem reference clocks",
        ["dscp"] = "Meridian does not set the DSCP of its packets",
        ["rlimit"] = "Meridian does not lock memory or change resource limits",
        ["pidfile"] = "Meridian writes no PID file (systemd tracks the process)",
        ["nonvolatile"] = "Meridian writes the drift file hourly and at stop",
        ["leapsmearinterval"] = "ntpd's smear ends at the leap; Meridian's is 'leapsmear INTERVAL [linear|cosine]', centred on it (off by default)",
    };

    public static string Warning(ConfigLine line) =>
        line.Warning($"'{line.Directive}' is accepted but not acted on: {Reasons[line.Directive]} (this warning is given once per directive)");
}
