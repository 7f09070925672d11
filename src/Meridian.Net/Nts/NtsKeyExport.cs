using Meridian.Core.Nts;
using Org.BouncyCastle.Tls;

namespace Meridian.Net.Nts;

/// <summary>
/// RFC 8915 §5.1: the C2S and S2C keys of every supported AEAD from the TLS exporter. BouncyCastle's
/// exporter works only inside NotifyHandshakeComplete, before the AEAD is negotiated, so both ends
/// export for every AEAD there.
/// </summary>
internal static class NtsKeyExport
{
    public static void ExportAll(TlsContext context, NtsKeSessionKeys keys)
    {
        foreach (NtsAead aead in NtsKeAeads.Supported)
        {
            int length = NtsKeAeads.KeyLength(aead);
            keys.Set(
                aead,
                context.ExportKeyingMaterial(NtsKeAeads.ExporterLabel, NtsKeAeads.ExporterContext(aead, serverToClient: false), length),
                context.ExportKeyingMaterial(NtsKeAeads.ExporterLabel, NtsKeAeads.ExporterContext(aead, serverToClient: true), length));
        }
    }
}
