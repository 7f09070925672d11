namespace Meridian.Control;

/// <summary>
/// The answer to <c>reload</c>: the configuration file read, the changed lines applied live and
/// those that need a restart (<c>+ </c> added, <c>- </c> removed), or why the new file was refused
/// (<see cref="Failure"/>, <c>FILE:LINE: reason</c>; the running configuration is unchanged).
/// </summary>
public sealed record ReloadReport(string File, IReadOnlyList<string> Applied, IReadOnlyList<string> NeedRestart)
{
    public string? Failure { get; init; }

    public static ReloadReport Failed(string file, string failure) => new(file, [], []) { Failure = failure };
}
