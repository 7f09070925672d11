using System.Diagnostics;

namespace Meridian.IntegrationTests;

/// <summary>Runs a third-party program to completion within a time bound and captures its output.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    /// <summary>Fails the test with a clear message when a tool the suite needs is not installed.</summary>
    public static string Require(string tool)
    {
        string? path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
        Assert.True(path is not null, $"'{tool}' is not installed: run ./test.sh, which installs the Debian packages the tests need");
        return path!;
    }

    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
