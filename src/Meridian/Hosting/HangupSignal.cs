using System.Runtime.InteropServices;

namespace Meridian.Hosting;

/// <summary>
/// SIGHUP (logrotate, <c>systemctl reload</c>): never fatal; each one runs the reload action on a
/// thread-pool thread, so the signal thread is never held.
/// </summary>
public sealed class HangupSignal : IDisposable
{
    private readonly PosixSignalRegistration _registration;
    private volatile Action? _reload;

    public HangupSignal()
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    /// <summary>What a SIGHUP does from now on; until set, a SIGHUP is logged and ignored.</summary>
    public void OnHangup(Action reload) => _reload = reload;

    public void Dispose() => _registration.Dispose();

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_reload is Action reload)
        {
            ThreadPool.QueueUserWorkItem(_ => reload());
        }
        else
        {
            ConsoleLog.Info("SIGHUP while starting: ignored");
        }
    }
}
