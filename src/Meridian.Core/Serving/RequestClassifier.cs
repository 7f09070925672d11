using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// Decides cheaply, from the length, first byte, addresses and trailer of a datagram, whether it
/// is a request this server answers (serving policy P1–P3, P6, P8, P9). O(1) work per datagram
/// apart from the bounded extension-field walk; no allocation.
/// </summary>
public sealed class RequestClassifier
{
    /// <summary>P1: the largest request answered, 1024 + 24 bytes (the policy's suggested Lmax).</summary>
    public const int MaxRequestLength = 1024 + ExtensionFieldReader.MaxMacLength;

    /// <summary>P9: the most extension fields read from one request.</summary>
    public const int MaxExtensionFields = 16;

    public const ushort NtpPort = 123;

    private readonly NetEndpoint[] _localAddresses;

    /// <param name="localAddresses">The server's own addresses (for P6's loop check on wildcard sockets).</param>
    public RequestClassifier(IEnumerable<NetEndpoint> localAddresses)
    {
        _localAddresses = localAddresses.ToArray();
    }

    /// <param name="offLoopback">The datagram came in on an interface other than loopback.</param>
    public DropReason Classify(ReadOnlySpan<byte> datagram, in NetEndpoint source, in NetEndpoint destination, bool offLoopback = false)
    {
        int length = datagram.Length;
        if (length < NtpHeader.Size)
        {
            return DropReason.LengthTooShort;
        }

        if (length > MaxRequestLength)
        {
            return DropReason.LengthTooLong;
        }

        if ((length & 3) != 0)
        {
            return DropReason.LengthNotMultipleOf4;
        }

        byte version = NtpHeader.ReadVersion(datagram);
        if (version is 0 or > 4)
        {
            return DropReason.VersionUnsupported;
        }

        DropReason reason = ClassifyMode(version, NtpHeader.ReadMode(datagram), source.Port);
        if (reason == DropReason.None)
        {
            reason = ClassifyAddresses(source, destination, offLoopback);
        }

        return reason == DropReason.None ? ClassifyTrailer(version, datagram[NtpHeader.Size..]) : reason;
    }

    private static DropReason ClassifyMode(byte version, NtpMode mode, ushort sourcePort) => mode switch
    {
        NtpMode.Client => DropReason.None,
        NtpMode.Reserved when version == 1 && sourcePort != NtpPort => DropReason.None,
        NtpMode.Reserved => DropReason.ModeReserved,
        NtpMode.SymmetricActive or NtpMode.SymmetricPassive => DropReason.ModeSymmetric,
        NtpMode.Server or NtpMode.Broadcast => DropReason.ModeServerOrBroadcast,
        NtpMode.Control => DropReason.ModeControl,
        _ => DropReason.ModePrivate,
    };

    private DropReason ClassifyAddresses(in NetEndpoint source, in NetEndpoint destination, bool offLoopback)
    {
        if (source.Port == 0)
        {
            return DropReason.SourcePortZero;
        }

        // A loopback source can only be genuine on the loopback interface; elsewhere it is spoofed.
        if (source.IsUnspecified || source.IsMulticast || source.IsLimitedBroadcast || (source.IsLoopback && offLoopback))
        {
            return DropReason.SourceAddressInvalid;
        }

        if (destination.IsMulticast || destination.IsLimitedBroadcast)
        {
            return DropReason.DestinationNotUnicast;
        }

        return source.Port == NtpPort && IsOwnAddress(source, destination) ? DropReason.SourceIsServer : DropReason.None;
    }

    private bool IsOwnAddress(in NetEndpoint source, in NetEndpoint destination)
    {
        if (source.HasSameAddress(destination))
        {
            return true;
        }

        foreach (NetEndpoint local in _localAddresses)
        {
            if (source.HasSameAddress(local))
            {
                return true;
            }
        }

        return false;
    }

    private static DropReason ClassifyTrailer(byte version, ReadOnlySpan<byte> trailer)
    {
        if (trailer.IsEmpty)
        {
            return DropReason.None;
        }

        if (version < 4)
        {
            return trailer.Length is 4 or 20 or 24 ? MacReason(trailer.Length) : DropReason.ExtensionFieldMalformed;
        }

        var reader = new ExtensionFieldReader(trailer, MaxExtensionFields);
        while (reader.TryReadNext(out ExtensionField field))
        {
            if (IsNtsField(field.Type))
            {
                return DropReason.ExtensionFieldNts;
            }
        }

        if (reader.Error != ExtensionFieldError.None)
        {
            return DropReason.ExtensionFieldMalformed;
        }

        return reader.Mac.IsEmpty ? DropReason.None : MacReason(reader.Mac.Length);
    }

    private static DropReason MacReason(int macLength) =>
        macLength == 4 ? DropReason.AuthenticationCryptoNak : DropReason.AuthenticationUnknownKey;

    /// <summary>RFC 8915 §5.7: unique identifier, cookie, cookie placeholder, authenticator.</summary>
    private static bool IsNtsField(ushort type) => type is 0x0104 or 0x0204 or 0x0304 or 0x0404;
}
