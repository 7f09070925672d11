namespace Meridian.IntegrationTests;

/// <summary>Runs the <c>meridian</c> CLI as a real process to completion.</summary>
internal static class MeridianCli
{
    public static ExternalTool.Result Run(params string[] arguments) => ExternalTool.Run(
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        [Path.Combine(AppContext.BaseDirectory, "meridian.dll"), .. arguments],
        TimeSpan.FromSeconds(60));
}
