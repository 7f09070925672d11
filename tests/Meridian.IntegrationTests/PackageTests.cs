using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>
/// The Debian package as an operator installs it: built by scripts/package.sh, installed with dpkg,
/// the unit verified, the server started the way the unit starts it (as the 'meridian' user with
/// CAP_NET_BIND_SERVICE as its only capability, here through setpriv since PID 1 is not systemd,
/// under the seccomp filter of the unit's MemoryDenyWriteExecute=yes, Native/mdwe-exec.c)
/// and answering a real client on port 123, then purged without a trace.
/// </summary>
public class PackageTests
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(10);

    [Fact]
    public void InstallsRunsUnprivilegedAnswersOnPort123_AndPurgesWithoutATrace()
    {
        string deb = Build();
        try
        {
            Must("dpkg", "-i", deb);
            AssertInstalled();
            AssertServesAsTheUnitDoes();
        }
        finally
        {
            ExternalTool.Run(ExternalTool.Require("dpkg"), ["--purge", "meridian"], Minutes);
        }

        AssertNothingLeft();
    }

    private static string Build()
    {
        string root = RepositoryRoot();
        var result = ExternalTool.Run(Path.Combine(root, "scripts", "package.sh"), [], Minutes);
        Assert.True(result.ExitCode == 0, result.All);
        string deb = Path.Combine(root, result.Output.Trim().Split('\n')[^1]);
        Assert.Matches(@"dist/meridian_\d+\.\d+\.\d+_amd64\.deb$", deb);
        return deb;
    }

    private static void AssertInstalled()
    {
        foreach (string file in new[] { "/usr/sbin/meridian", "/lib/systemd/system/meridian.service", "/usr/share/man/man8/meridian.8.gz", "/usr/share/man/man5/meridian.conf.5.gz", "/usr/share/doc/meridian/kernel-discipline.conf" })
        {
            Assert.True(File.Exists(file), file);
        }

        Assert.Contains("/etc/meridian/meridian.conf", Must("dpkg-query", "-W", "-f=${Conffiles}", "meridian"));
        Assert.Matches(@"^meridian:x:\d+:\d+:.*:/var/lib/meridian:/usr/sbin/nologin", Must("getent", "passwd", "meridian"));
        Assert.Equal("meridian meridian 750", Must("stat", "-c", "%U %G %a", "/var/lib/meridian").Trim());
        Assert.Matches(@"^0\.\d+\.\d+", Must("/usr/sbin/meridian", "--version"));
        Must("systemd-analyze", "verify", "/lib/systemd/system/meridian.service");
        Assert.Contains("MERIDIAN.CONF", Must("zcat", "/usr/share/man/man5/meridian.conf.5.gz"));

        // The Native AOT binary writes no code at run time, so the unit forbids it (decision 0004).
        Assert.Matches("(?m)^MemoryDenyWriteExecute=yes$", File.ReadAllText("/lib/systemd/system/meridian.service"));
    }

    private static void AssertServesAsTheUnitDoes()
    {
        string config = Path.Combine(Path.GetTempPath(), $"meridian-pkg-{Guid.NewGuid():N}.conf");
        File.WriteAllText(config, File.ReadAllText("/etc/meridian/meridian.conf") + "\nlocal stratum 1\n");
        Directory.CreateDirectory("/run/meridian");
        Must("chown", "meridian:meridian", "/run/meridian");
        string denyWriteExecute = Path.Combine(Path.GetTempPath(), $"mdwe-exec-{Guid.NewGuid():N}");
        Must("gcc", "-O2", "-o", denyWriteExecute, Path.Combine(RepositoryRoot(), "tests", "Meridian.IntegrationTests", "Native", "mdwe-exec.c"));
        using var ns = new NetworkNamespace();
        using var server = MeridianServer.StartCommand(ns, [
            denyWriteExecute, ExternalTool.Require("setpriv"), "--reuid=meridian", "--regid=meridian", "--init-groups",
            "--inh-caps=-all,+net_bind_service", "--ambient-caps=+net_bind_service", "--bounding-set=-all,+net_bind_service",
            "/usr/sbin/meridian", "serve", "--config", config, "--listen", "127.0.0.1:123"]);
        try
        {
            Assert.False(server.HasExited, server.Log);
            var answer = ns.Run(ExternalTool.Require("ntpdig"), TimeSpan.FromSeconds(20), "-t", "3", "127.0.0.1");
            Assert.True(answer.ExitCode == 0, answer.All + "\n" + server.Log);
            AssertEveryThreadIsMeridianWithOnlyNetBindService(server.Log);
            Assert.Contains("stratum", Must("/usr/sbin/meridian", "status"));
            Assert.Equal(0, server.Stop());
        }
        finally
        {
            File.Delete(config);
            File.Delete(denyWriteExecute);
        }
    }

    private static void AssertEveryThreadIsMeridianWithOnlyNetBindService(string log)
    {
        string uid = Must("id", "-u", "meridian").Trim();
        int pid = int.Parse(Must("pgrep", "-f", "-n", "^/usr/sbin/meridian serve").Trim());
        foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            string status = File.ReadAllText(Path.Combine(task, "status"));
            Assert.Matches($@"Uid:\s+{uid}\s+{uid}\s+{uid}\s+{uid}", status);
            Assert.Equal("0000000000000400", Regex.Match(status, @"CapEff:\s+(\S+)").Groups[1].Value);
            Assert.Equal("0000000000000400", Regex.Match(status, @"CapPrm:\s+(\S+)").Groups[1].Value);
        }
    }

    private static void AssertNothingLeft()
    {
        Assert.NotEqual(0, ExternalTool.Run(ExternalTool.Require("getent"), ["passwd", "meridian"], Minutes).ExitCode);
        Assert.NotEqual(0, ExternalTool.Run(ExternalTool.Require("getent"), ["group", "meridian"], Minutes).ExitCode);
        foreach (string path in new[] { "/usr/sbin/meridian", "/etc/meridian", "/var/lib/meridian", "/lib/systemd/system/meridian.service" })
        {
            Assert.False(File.Exists(path) || Directory.Exists(path), path + " is left after purge");
        }
    }

    private static string Must(string program, params string[] arguments)
    {
        var result = ExternalTool.Run(program.StartsWith('/') ? program : ExternalTool.Require(program), arguments, Minutes);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result.All}");
        return result.Output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meridian.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Meridian.slnx not found");
    }
}
