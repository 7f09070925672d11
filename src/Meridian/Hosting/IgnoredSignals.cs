using System.Runtime.InteropServices;

namespace Meridian.Hosting;

/// <summary>
/// SIGUSR1 and SIGUSR2 mean nothing to Meridian; their default action would end the process, so a
/// stray <c>kill -USR1</c> (a log rotation habit) would stop the server. They are logged and ignored.
/// </summary>
public sealed class IgnoredSignals : IDisposable
{
    /// <summary>Linux signal numbers (x86-64 and arm64); PosixSignal has no names for them.</summary>
    private static readonly (int Number, string Name)[] Signals = [(10, "SIGUSR1"), (12, "SIGUSR2")];

    private readonly PosixSignalRegistration[] _registrations;

    public IgnoredSignals(Action<string> log)
    {
        _registrations = OperatingSystem.IsLinux()
            ? Signals.Select(s => PosixSignalRegistration.Create((PosixSignal)s.Number, context =>
            {
                context.Cancel = true;
                log($"{s.Name} received: ignored (Meridian gives it no meaning)");
            })).ToArray()
            : [];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
