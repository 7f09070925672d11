using Meridian.Configuration;
using Meridian.Core.Sync;
using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

/// <summary>How ntp.conf-dialect options become the synchronizer's options.</summary>
public class SyncConfigurationTests
{
    [Fact]
    public void UsesNtpdDefaults_WhenNothingIsTuned()
    {
        SynchronizerOptions options = From("server ntp.example.org");

        Assert.Equal(new DisciplineOptions(0.128, 300, 1000), options.Discipline);
        Assert.Equal(1, options.MinSane);
        Assert.Equal(3, options.MinClock);
        Assert.Equal(1.5, options.MaxDistance);
        Assert.Null(options.LocalStratum);
        Assert.Null(options.InitialFrequency);
        Assert.Equal(-20, options.Precision);
    }

    [Fact]
    public void MapsNtsAndNtsport_ToTheSourcesNtsKeHostAndPort()
    {
        SynchronizerOptions options = From("server time.example.org nts\nserver 192.0.2.1 port 1123 nts ntsport 4461\nserver ntp.example.org");

        Assert.Equal(new NtsUpstream("time.example.org", 4460), options.Upstreams[0].Options.Nts);
        Assert.Equal(new NtsUpstream("192.0.2.1", 4461), options.Upstreams[1].Options.Nts);
        Assert.Null(options.Upstreams[2].Options.Nts);
    }

    [Fact]
    public void MapsNtsOnAPool_ToNtsKeWithThePoolName()
    {
        SynchronizerOptions options = From("pool time.example.org iburst nts maxsources 2");

        Assert.Equal(new NtsUpstream("time.example.org", 4460), options.Upstreams[0].Options.Nts);
        Assert.True(options.Upstreams[0].IsPool);
    }

    [Fact]
    public void MapsTinkerStepStepoutAndPanic_ToTheDiscipline()
    {
        SynchronizerOptions options = From("tinker step 0.5 stepout 60 panic 0");

        Assert.Equal(new DisciplineOptions(0.5, 60, 0), options.Discipline);
    }

    [Fact]
    public void TheLastTinkerValueWins()
    {
        SynchronizerOptions options = From("tinker panic 10", "tinker step 1", "tinker panic 20");

        Assert.Equal(new DisciplineOptions(1, 300, 20), options.Discipline);
    }

    [Fact]
    public void MapsTosMinsaneMinclockAndMaxdist()
    {
        SynchronizerOptions options = From("tos minsane 2 minclock 4 maxdist 0.75");

        Assert.Equal(2, options.MinSane);
        Assert.Equal(4, options.MinClock);
        Assert.Equal(0.75, options.MaxDistance);
    }

    [Theory]
    [InlineData("local stratum 7", 7)]
    [InlineData("local", 10)]
    [InlineData("tos orphan 5", 5)]
    public void MapsLocalStratumOrTosOrphan_ToTheLocalStratum(string line, int expected)
    {
        Assert.Equal(expected, From(line).LocalStratum);
    }

    [Fact]
    public void MapsAServer_ToOneAddress_AndAPool_ToItsMaxSources()
    {
        SynchronizerOptions options = From(
            "server ntp1.example.org",
            "pool pool.example.org maxsources 6",
            "pool 2.pool.example.org");

        Assert.Equal(
            [
                new UpstreamSpec("ntp1.example.org", 123, false, 1, new SourceOptions()),
                new UpstreamSpec("pool.example.org", 123, true, 6, new SourceOptions()),
                new UpstreamSpec("2.pool.example.org", 123, true, 4, new SourceOptions()),
            ],
            options.Upstreams);
    }

    [Fact]
    public void MapsThePortAndPollOptions()
    {
        SynchronizerOptions options = From(
            "server 192.0.2.1 port 1123 minpoll 4 maxpoll 8 iburst prefer",
            "server ntp2.example.org noselect");

        Assert.Equal(new UpstreamSpec("192.0.2.1", 1123, false, 1, new SourceOptions(4, 8, Iburst: true, Prefer: true, NoSelect: false)), options.Upstreams[0]);
        Assert.Equal(new SourceOptions(6, 10, Iburst: false, Prefer: false, NoSelect: true), options.Upstreams[1].Options);
    }

    [Theory]
    [InlineData(12.5, 12.5e-6)]
    [InlineData(-480.25, -480.25e-6)]
    [InlineData(0.0, 0.0)]
    public void MapsTheDriftPpm_ToTheInitialFrequency(double ppm, double frequency)
    {
        double? initial = SyncConfiguration.From(ConfigParser.Parse("server ntp.example.org", "test.conf"), ppm, -20).InitialFrequency;

        Assert.NotNull(initial);
        Assert.Equal(frequency, initial.Value, 1e-15);
    }

    [Fact]
    public void PassesThePrecisionThrough()
    {
        Assert.Equal(-24, SyncConfiguration.From(ConfigParser.Parse("", "test.conf"), null, -24).Precision);
    }

    private static SynchronizerOptions From(params string[] lines) =>
        SyncConfiguration.From(ConfigParser.Parse(string.Join('\n', lines), "test.conf"), null, -20);
}
