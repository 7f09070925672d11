using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

/// <summary>The NTS directives (chrony's names): the NTS-KE server's, <c>ntsdumpdir</c> and <c>ntsrotate</c>.</summary>
public class NtsDirectiveTests
{
    [Fact]
    public void NtsKeIsOff_WithoutCertificateAndKey()
    {
        NtsOptions nts = ConfigText.Parse("server 192.0.2.1").Nts;

        Assert.False(nts.ServerEnabled);
        Assert.Equal(4460, nts.Port);
        Assert.Equal(100, nts.MaxConnections);
    }

    [Fact]
    public void ParsesChronysNtsDirectives()
    {
        NtsOptions nts = ConfigText.Parse(
            "ntsservercert /etc/meridian/nts.crt",
            "ntsserverkey /etc/meridian/nts.key",
            "ntsport 14460",
            "ntsntpserver time.example.net",
            "ntsratelimit interval 3 burst 4",
            "maxntsconnections 50",
            "ntstrustedcerts /etc/meridian/ca.pem",
            "ntstrustedcerts /etc/meridian/cas").Nts;

        Assert.True(nts.ServerEnabled);
        Assert.Equal("/etc/meridian/nts.crt", nts.ServerCertificate);
        Assert.Equal("/etc/meridian/nts.key", nts.ServerKey);
        Assert.Equal(14460, nts.Port);
        Assert.Equal("time.example.net", nts.NtpServer);
        Assert.Equal((3, 4), (nts.RateInterval, nts.RateBurst));
        Assert.Equal(50, nts.MaxConnections);
        Assert.Equal(["/etc/meridian/ca.pem", "/etc/meridian/cas"], nts.TrustedCertificates);
    }

    [Theory]
    [InlineData("ntsport 0", "ntsport")]
    [InlineData("ntsport 65536", "ntsport")]
    [InlineData("ntsport", "ntsport")]
    [InlineData("ntsratelimit interval 13", "interval")]
    [InlineData("ntsratelimit burst 0", "burst")]
    [InlineData("ntsratelimit leak 2", "leak")]
    [InlineData("maxntsconnections 0", "maxntsconnections")]
    [InlineData("ntsntpserver time.example\u00e9", "not a host name")]
    [InlineData("ntsservercert a.pem b.pem", "b.pem")]
    public void RejectsBadNtsLines_WithFileAndLine(string line, string token) => ConfigText.ErrorAt(2, token, "# nts", line);

    [Fact]
    public void RefusesACertificateWithoutKey_AtTheCertificatesLine() =>
        ConfigText.ErrorAt(2, "go together", "local stratum 1", "ntsservercert /etc/meridian/nts.crt");

    [Fact]
    public void RefusesASecondCertificate_OnePairIsServed() =>
        ConfigText.ErrorAt(3, "already set", "ntsservercert /a.crt", "ntsserverkey /a.key", "ntsservercert /b.crt");

    [Fact]
    public void EffectiveConfigurationRoundTrips_TheNtsLines()
    {
        MeridianOptions options = ConfigText.Parse("ntsservercert /c.pem", "ntsserverkey /k.pem", "ntsport 4461", "ntsratelimit burst 2", "ntstrustedcerts /ca.pem");
        string written = ConfigWriter.Write(options);

        Assert.Contains("ntsservercert /c.pem\nntsserverkey /k.pem\nntsport 4461\nntsratelimit interval 1 burst 2\nntstrustedcerts /ca.pem\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Empty(ConfigChanges.Between(options, ConfigParser.Parse(written, "/w.conf")).Live);
    }

    [Fact]
    public void CertificateChangesApplyLive_PortChangesNeedARestart()
    {
        var changes = ConfigChanges.Between(
            ConfigText.Parse("ntsservercert /old.pem", "ntsserverkey /old.key"),
            ConfigText.Parse("ntsservercert /new.pem", "ntsserverkey /new.key", "ntsport 4461"));

        Assert.Equal(["- ntsservercert /old.pem", "- ntsserverkey /old.key", "+ ntsservercert /new.pem", "+ ntsserverkey /new.key"], changes.Live);
        Assert.Equal(["+ ntsport 4461"], changes.NeedRestart);
    }

    [Fact]
    public void ReadsTheDumpDirectoryAndTheRotation_AndWritesThemBack()
    {
        var options = ConfigText.Parse("ntsdumpdir /var/lib/meridian", "ntsrotate 3600");

        Assert.Equal("/var/lib/meridian", options.NtsDumpDirectory);
        Assert.Equal(3600, options.NtsRotateSeconds);
        string written = ConfigWriter.Write(options);
        Assert.Contains("ntsdumpdir /var/lib/meridian\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("ntsrotate 3600\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void LeavesTheDefaults_WithoutTheDirectives()
    {
        var options = ConfigText.Parse("driftfile /a");

        Assert.Null(options.NtsDumpDirectory);
        Assert.Null(options.NtsRotateSeconds);
        Assert.False(options.Nts.ServerEnabled);
    }

    [Fact]
    public void AcceptsZero_AsNeverRotate() => Assert.Equal(0, ConfigText.Parse("ntsrotate 0").NtsRotateSeconds);

    [Theory]
    [InlineData("ntsrotate 30", "more often than once a minute")]
    [InlineData("ntsrotate -1", "'seconds'")]
    [InlineData("ntsrotate 1.5", "'seconds'")]
    [InlineData("ntsrotate 60 60", "")]
    public void RefusesARotationOutOfRange_AtItsLine(string line, string reason) => ConfigText.ErrorAt(2, reason, "", line);
}
