using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class ConfigWriterRoundTripTests
{
    private const string Typical = """
        server stratum2-3.NTP.TechFak.Uni-Bielefeld.DE iburst
        restrict default kod nomodify notrap nopeer noquery
        restrict -6 default kod nomodify notrap nopeer noquery
        restrict 127.0.0.1 mask 255.255.255.255
        restrict -6 ::1
        driftfile /var/lib/meridian/drift
        """;

    private const string Everything = """
        server ntp1.example.org iburst prefer minpoll 4 maxpoll 8 port 10123 version 3
        server 192.0.2.1 burst noselect
        server nts.example.org iburst nts
        server 192.0.2.2 port 1123 nts ntsport 4461
        server 2001:db8::123 minpoll 17 maxpoll 17
        pool pool.ntp.org iburst maxsources 6
        restrict default kod limited nomodify notrap nopeer noquery
        restrict -4 default ignore
        restrict -6 default noserve
        restrict source nomodify notrap
        restrict 10.0.0.0 mask 255.0.0.0 nomodify notrap
        restrict 192.0.2.128/25 lowpriotrap version ntpport
        restrict 2001:db8::/32 noquery notrust nomrulist noepeer
        restrict 127.0.0.1
        driftfile /var/lib/meridian/drift
        leapfile /usr/share/zoneinfo/leap-seconds.list
        logfile /var/log/meridian.log
        controlsocket /run/meridian.sock
        listen 127.0.0.1:11123
        listen [::1]:11123
        listen 0.0.0.0
        local stratum 7
        maxrequestage 2.5
        tos orphan 5 minsane 2 mindist 0.02
        tinker panic 0 step 0.128 freq -12.5
        discard average 3 minimum 2
        ratelimit interval 50 burst 10 leak 4 table 1000000 prefix6 64 global-pps 0
        enable monitor stats
        disable auth
        statsdir /var/log/ntpstats/
        statistics loopstats peerstats
        filegen loopstats file loops type week nolink enable
        filegen peerstats type day disable
        """;

    private const string NtpdDropIn = """
        interface ignore wildcard
        interface listen 192.0.2.1
        nic drop 2001:db8::/32
        interface listen eth0
        server 127.127.1.0
        fudge 127.127.1.0 stratum 7
        keys /etc/ntp.keys
        """;

    public static TheoryData<string, string> Configurations() => new()
    {
        { "typical", Typical },
        { "everything", Everything },
        { "ntpd drop-in", NtpdDropIn },
        { "built-in", DefaultConfiguration.Text },
        { "orphan only", "tos orphan 9" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void TheEffectiveConfiguration_ParsesAgainToTheSameOptions(string name, string text)
    {
        MeridianOptions parsed = ConfigParser.Parse(text, name);

        string written = ConfigWriter.Write(parsed);
        MeridianOptions reparsed = ConfigParser.Parse(written, "written");

        Assert.Equal(OptionsSummary.Of(parsed), OptionsSummary.Of(reparsed));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void WritingIsStable_ExceptThatDefaultListenAddressesBecomeExplicit(string name, string text)
    {
        string once = ConfigWriter.Write(ConfigParser.Parse(text, name));

        string twice = ConfigWriter.Write(ConfigParser.Parse(once, name));

        Assert.Equal(once.Replace("  # default", "", StringComparison.Ordinal), twice);
    }

    [Fact]
    public void TheSummaryOfEverything_CoversEveryValue()
    {
        // Guards the round trip above: it would prove nothing if parsing dropped values.
        var summary = OptionsSummary.Of(ConfigParser.Parse(Everything, "everything"));

        Assert.Contains("upstream Server ntp1.example.org port=10123 iburst=True burst=False prefer=True noselect=False poll=4..8 version=3 maxsources=4 nts=False ntsport=4460", summary);
        Assert.Contains("upstream Server 192.0.2.2 port=1123 iburst=False burst=False prefer=False noselect=False poll=6..10 version=4 maxsources=4 nts=True ntsport=4461", summary);
        Assert.Contains("upstream Pool pool.ntp.org port=123 iburst=True burst=False prefer=False noselect=False poll=6..10 version=4 maxsources=6 nts=False ntsport=4460", summary);
        Assert.Contains("restrict Network IPv4 10.0.0.0/8 NoModify, NoTrap", summary);
        Assert.Contains("restrict Source Any /0 NoModify, NoTrap", summary);
        Assert.Contains("listen [::1]:11123", summary);
        Assert.Contains("local 7 served 7", summary);
        Assert.Contains("tinker freq=-12.5", summary);
        Assert.Contains("ratelimit table=1000000", summary);
        Assert.Contains("disable auth", summary);
        Assert.Contains("statsdir /var/log/ntpstats/", summary);
        Assert.Contains("filegen loopstats file=loops type=Week link=False enabled=True", summary);
        Assert.Contains("filegen peerstats file=peerstats type=Day link=True enabled=False", summary);
    }

    [Fact]
    public void NamesTheSource_AndMarksDefaultListenAddresses()
    {
        string written = ConfigWriter.Write(ConfigParser.Parse("server ntp.example.org", "/etc/meridian.conf"));

        Assert.Contains("# effective configuration from /etc/meridian.conf", written, StringComparison.Ordinal);
        Assert.Contains("listen 0.0.0.0:123  # default", written, StringComparison.Ordinal);
        Assert.Contains("listen [::]:123  # default", written, StringComparison.Ordinal);
        Assert.Contains("server ntp.example.org minpoll 6 maxpoll 10", written, StringComparison.Ordinal);
    }
}
