using System.Runtime.InteropServices;

namespace Meridian.Hosting;

/// <summary>Turns SIGINT and SIGTERM into a clean stop request.</summary>
public sealed class StopSignal : IDisposable
{
    private readonly ManualResetEventSlim _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public string? Received { get; private set; }

    /// <summary>Waits up to <paramref name="timeout"/>; true once a stop signal has arrived.</summary>
    public bool Wait(TimeSpan timeout) => _stop.Wait(timeout);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Received = context.Signal.ToString();
        _stop.Set();
    }
}
