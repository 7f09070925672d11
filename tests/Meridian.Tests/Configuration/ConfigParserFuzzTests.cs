using Meridian.Configuration;
using Meridian.Fuzzing;

namespace Meridian.Tests.Configuration;

/// <summary>
/// The configuration parser over mutations of real configurations (README's example, a stock Debian
/// ntp.conf, one line of every directive) and random text: the result is options or a
/// <see cref="ConfigException"/> reading <c>FILE:LINE: reason</c> for a line inside the file, never
/// another exception. The line named is the first bad one (the lines before it parse, it fails on
/// its own with the same reason), and accepted options survive the effective-configuration round trip.
/// Set MERIDIAN_SEED to replay a failure, MERIDIAN_FUZZ_SCALE to run more cases.
/// </summary>
public class ConfigParserFuzzTests
{
    private const string File = "/etc/meridian/fuzz.conf";

    private const string ReadmeExample = """
        server ntp1.example.org iburst
        pool pool.ntp.org iburst
        restrict default kod limited nomodify notrap nopeer noquery
        restrict 127.0.0.1
        restrict -6 ::1
        driftfile /var/lib/meridian/drift
        ratelimit interval 50 burst 10 leak 4 table 1048576   # Meridian extension: per-client limit in fixed memory
        listen 0.0.0.0:123          # Meridian extension; --listen overrides it
        local stratum 1             # serve the local clock while not synchronized (or ntpd's: tos orphan 1)
        """;

    /// <summary>The directives of Debian's stock /etc/ntp.conf (package ntp), with comments of our own.</summary>
    private const string DebianNtpConf = """
        # /etc/ntp.conf as Debian installs it with the ntp package

        driftfile /var/lib/ntp/ntp.drift

        # leap seconds from tzdata
        leapfile /usr/share/zoneinfo/leap-seconds.list

        # statistics, when enabled, go to /var/log/ntpstats/
        #statsdir /var/log/ntpstats/

        statistics loopstats peerstats clockstats
        filegen loopstats file loopstats type day enable
        filegen peerstats file peerstats type day enable
        filegen clockstats file clockstats type day enable

        # upstream servers
        #server ntp.your-provider.example
        pool 0.debian.pool.ntp.org iburst
        pool 1.debian.pool.ntp.org iburst
        pool 2.debian.pool.ntp.org iburst
        pool 3.debian.pool.ntp.org iburst

        # access control: time for everybody, nothing else
        restrict -4 default kod notrap nomodify nopeer noquery limited
        restrict -6 default kod notrap nomodify nopeer noquery limited

        # local users may query more
        restrict 127.0.0.1
        restrict ::1

        # pool servers need this
        restrict source notrap nomodify noquery

        #restrict 192.168.123.0 mask 255.255.255.0 notrust
        #broadcast 192.168.123.255
        #disable auth
        #broadcastclient
        """;

    private const string EveryDirective = """
        server 192.0.2.1 iburst prefer minpoll 4 maxpoll 8 port 10123 version 3
        server 2001:db8::123 burst noselect
        pool pool.ntp.org iburst maxsources 6
        restrict 10.0.0.0 mask 255.0.0.0 nomodify notrap
        restrict 192.0.2.128/25 lowpriotrap version ntpport
        restrict -6 2001:db8::/32 noquery notrust nomrulist noepeer
        restrict ::ffff:192.0.2.0/120 ignore
        restrict source noserve
        leapfile /usr/share/zoneinfo/leap-seconds.list
        logfile /var/log/meridian.log
        controlsocket /run/meridian.sock
        listen [::1]:11123
        listen 127.0.0.1
        local
        tos orphan 5 minsane 2 mindist 0.02 maxdist 1.5
        tinker panic 0 step 0.128 stepout 900 freq -12.5
        discard average 3 minimum 2 monitor 3000
        ratelimit prefix4 24 prefix6 56 global-pps 1e5
        enable monitor stats
        disable auth kernel
        """;

    /// <summary>The Debian file without the statistics lines Meridian does not take, so mutations reach the lines after them.</summary>
    private static readonly string DebianForMeridian = string.Join('\n', DebianNtpConf.Split('\n').Where(l => !l.StartsWith("statistics", StringComparison.Ordinal) && !l.StartsWith("filegen", StringComparison.Ordinal)));

    private static readonly string[] Corpus = [ReadmeExample, DebianNtpConf, DebianForMeridian, EveryDirective];

    [Fact]
    [Trait("Category", "Fuzz")]
    public void ReturnsOptionsOrAnErrorNamingTheFirstBadLine_ForRandomAndMutatedConfigurations()
    {
        var run = FuzzRun.Start(defaultSeed: 20261206, defaultCases: 30_000);
        int accepted = 0;
        for (int i = 0; i < run.Cases; i++)
        {
            string valid = Corpus[run.Random.Next(Corpus.Length)];
            string text = run.Random.Next(20) switch
            {
                0 => new string([.. Mutator.RandomBytes(run.Random, 200).Select(b => (char)b)]),
                1 => valid,
                _ => TextMutator.Mutate(run.Random, valid, Corpus[run.Random.Next(Corpus.Length)]),
            };
            run.Check(i, text, () => accepted += AssertParserInvariants(text) ? 1 : 0);
        }

        Assert.True(accepted > run.Cases / 10 && accepted < run.Cases * 9 / 10, $"{accepted} of {run.Cases} configurations accepted (MERIDIAN_SEED={run.Seed})");
    }

    [Fact]
    public void TheWholeCorpus_Parses()
    {
        Assert.All(new[] { ReadmeExample, DebianForMeridian, EveryDirective, DebianNtpConf }, text => ConfigParser.Parse(text, File));
    }

    /// <summary>True when the text was accepted.</summary>
    private static bool AssertParserInvariants(string text)
    {
        string[] lines = text.Split('\n');
        MeridianOptions options;
        try
        {
            options = ConfigParser.Parse(text, File);
        }
        catch (ConfigException e)
        {
            AssertNamesTheFirstBadLine(lines, e);
            return false;
        }

        string written = ConfigWriter.Write(options);
        MeridianOptions reparsed = ConfigParser.Parse(written, File);
        Assert.Equal(OptionsSummary.Of(options), OptionsSummary.Of(reparsed));
        Assert.Equal(written.Replace("  # default", "", StringComparison.Ordinal), ConfigWriter.Write(reparsed));
        return true;
    }

    private static void AssertNamesTheFirstBadLine(string[] lines, ConfigException e)
    {
        Assert.Equal(File, e.File);
        Assert.InRange(e.Line, 1, lines.Length);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason), "an error without a reason");
        Assert.StartsWith($"{File}:{e.Line}: ", e.Message, StringComparison.Ordinal);

        ConfigParser.Parse(string.Join('\n', lines[..(e.Line - 1)]), File);
        ConfigException alone = Assert.Throws<ConfigException>(() => ConfigParser.Parse(lines[e.Line - 1], File));
        Assert.Equal((1, e.Reason), (alone.Line, alone.Reason));
    }
}
