namespace Meridian.Tests.Commands;

/// <summary>A configuration file under the temp directory, deleted on dispose.</summary>
internal sealed class TempConfigFile : IDisposable
{
    public TempConfigFile(string text)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"meridian-test-{Guid.NewGuid():N}.conf");
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
