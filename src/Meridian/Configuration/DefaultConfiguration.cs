namespace Meridian.Configuration;

/// <summary>The configuration <c>meridian serve</c> uses when no <c>--config</c> is given.</summary>
public static class DefaultConfiguration
{
    public const string Name = "(built-in defaults)";

    public const string Text = """
        # Meridian's built-in configuration.
        pool pool.ntp.org iburst
        # Serve time to everyone, rate-limited; never answer queries or modify requests.
        restrict default kod limited nomodify notrap nopeer noquery
        restrict 127.0.0.1
        restrict -6 ::1
        driftfile /var/lib/meridian/drift
        """;

    public static MeridianOptions Load() => ConfigParser.Parse(Text, Name);
}
