using System.Security.Cryptography;
using Meridian.Configuration;
using Meridian.Core.Nts;
using Meridian.Core.Serving;
using Meridian.Net.Nts;

namespace Meridian.Hosting;

/// <summary>
/// The NTP side of NTS in the running server: the master keys (<c>ntsdumpdir</c>,
/// <c>ntsrotate</c>) with a timer that rotates them and picks up a key file replaced by a fleet's
/// distribution, the cookie issuer the NTS-KE server calls, and one <see cref="NtsResponder"/>
/// per serving loop. Started when the NTS-KE server is configured (<c>ntsservercert</c>/<c>ntsserverkey</c>).
/// </summary>
public sealed class NtsServing : IDisposable
{
    private static readonly TimeSpan MaintainEvery = TimeSpan.FromMinutes(1);

    private readonly Timer _timer;
    private readonly Action<string> _warn;

    private NtsServing(NtsKeyStore keys, Action<string> warn)
    {
        Keys = keys;
        _warn = warn;
        Issuer = new NtsCookieIssuer(keys.Ring);
        _timer = new Timer(_ => Maintain(), null, MaintainEvery, MaintainEvery);
    }

    public NtsKeyStore Keys { get; }

    /// <summary>What the NTS-KE server calls to seal each handshake's keys into cookies.</summary>
    public NtsCookieIssuer Issuer { get; }

    public static NtsServing Start(MeridianOptions options, Action<string> warn, Action<string> info)
    {
        var keys = NtsKeyStore.Open(options.NtsDumpDirectory, options.NtsRotateSeconds ?? NtsKeyRing.DefaultRotationSeconds, warn);
        NtsKeyRing ring = keys.Ring.Current;
        info($"NTS master key {ring.Current.Id:x8} ({ring.Keys.Count} kept), " +
            (ring.RotationSeconds > 0 ? $"rotated every {ring.RotationSeconds} s, cookies valid at least {ring.CookieLifetimeSeconds} s" : "never rotated here (ntsrotate 0)") +
            (keys.FilePath is null ? "; no ntsdumpdir: a restart invalidates every client's cookies" : $"; kept in {keys.FilePath}"));
        return new NtsServing(keys, warn);
    }

    /// <summary>A serving loop's NTS branch, drawing nonces from the system's random source.</summary>
    public NtsResponder Responder() => new(Keys.Ring, RandomNumberGenerator.Fill);

    public void Dispose()
    {
        _timer.Dispose();
        Issuer.Dispose();
    }

    private void Maintain()
    {
        try
        {
            Keys.Maintain();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warn($"NTS key maintenance failed: {e.Message}");
        }
    }
}
