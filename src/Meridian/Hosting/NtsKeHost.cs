using System.Globalization;
using System.Net;
using Meridian.Configuration;
using Meridian.Control;
using Meridian.Core.Nts;
using Meridian.Net.Nts;

namespace Meridian.Hosting;

/// <summary>
/// The NTS-KE server of <c>meridian serve</c>: on port <c>ntsport</c> of every NTP listen address,
/// with the certificate of <c>ntsservercert</c>/<c>ntsserverkey</c>, re-read at each reload (a renewed
/// certificate is served to new connections; a file that does not load keeps the running one).
/// </summary>
public sealed class NtsKeHost : IDisposable
{
    private readonly NtsKeServer _server;
    private readonly NtsKeyStore _keys;
    private NtsOptions _options;

    private NtsKeHost(NtsKeServer server, NtsKeyStore keys, NtsOptions options)
    {
        _server = server;
        _keys = keys;
        _options = options;
    }

    public NtsKeServer Server => _server;

    /// <summary>
    /// Starts the server when the certificate and key are configured; null when they are not.
    /// Throws <see cref="NtsCertificateException"/> or <see cref="Net.ListenException"/> (the reason in the message).
    /// </summary>
    public static NtsKeHost? Start(MeridianOptions options, IReadOnlyList<IPEndPoint> ntpListen, INtsCookieIssuer issuer, NtsKeyStore keys)
    {
        NtsOptions nts = options.Nts;
        if (!nts.ServerEnabled)
        {
            return null;
        }

        NtsCertificate certificate = NtsCertificate.Load(nts.ServerCertificate!, nts.ServerKey!);
        var serverOptions = new NtsKeServerOptions
        {
            Listen = ntpListen.Select(e => new IPEndPoint(e.Address, nts.Port)).Distinct().ToList(),
            Responder = new NtsKeResponderOptions
            {
                NtpServer = nts.NtpServer,
                // Clients use port 123 unless told otherwise: tell them when Meridian serves NTP elsewhere.
                NtpPort = ntpListen.Count > 0 && ntpListen[0].Port is not (MeridianOptions.NtpPort or 0) ? ntpListen[0].Port : null,
            },
            MaxConnections = nts.MaxConnections,
            RateBurst = nts.RateBurst,
            RateInterval = TimeSpan.FromSeconds(Math.Pow(2, nts.RateInterval)),
        };
        return new NtsKeHost(NtsKeServer.Start(serverOptions, certificate, issuer), keys, nts);
    }

    /// <summary>
    /// Loads the certificate and key <paramref name="next"/> names (the same files again for a
    /// renewal); null when new connections now get it, else why not (the running one stays).
    /// </summary>
    public string? Reload(NtsOptions next)
    {
        if (!next.ServerEnabled)
        {
            return "'ntsservercert'/'ntsserverkey' removed: the NTS-KE server stops at a restart; until then it keeps its certificate";
        }

        try
        {
            NtsCertificate certificate = NtsCertificate.Load(next.ServerCertificate!, next.ServerKey!);
            _server.ReplaceCertificate(certificate);
            _options = next;
            return null;
        }
        catch (NtsCertificateException e)
        {
            return $"{e.Message}; NTS-KE keeps serving {_server.Certificate.Subject} from {_options.ServerCertificate}";
        }
    }

    public NtsKeStatus Status()
    {
        NtsKeCountersSnapshot counters = _server.Counters.Snapshot();
        NtsCertificate certificate = _server.Certificate;
        return new NtsKeStatus(
            _server.LocalEndPoints.Select(ListenAddress.Format).ToList(),
            counters.Connections,
            counters.Handshakes,
            counters.Accepted,
            counters.CookiesIssued,
            counters.Active,
            counters.Refusals,
            counters.BadRequests)
        {
            CertificateSubject = certificate.Subject,
            CertificateNotAfterUtc = certificate.NotAfter.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            CertificateFile = certificate.CertificateFile,
            MasterKeys = _keys.Ring.Current.Keys.Select(Describe).ToList(),
            KeyFile = _keys.FilePath,
        };
    }

    public void Dispose() => _server.Dispose();

    private static string Describe(NtsMasterKey key) =>
        Invariant($"{key.Id:x8} (created {DateTimeOffset.FromUnixTimeSeconds(key.CreatedUnixSeconds):yyyy-MM-dd HH:mm} UTC)");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
