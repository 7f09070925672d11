using System.Buffers.Binary;
using Meridian.Core.Nts;
using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// The NTS branch of one serving loop (RFC 8915 §5.7), present when NTS is on. For a request with
/// NTS fields: the cookie is opened with the key ring, the request verified under C2S (associated
/// data: everything before the authenticator), and the reply written into the transmit buffer
/// sliced to the request length: header, the unique id echoed, and an authenticator whose
/// plaintext is as many fresh cookies as the request had cookie and placeholders (at most
/// <see cref="MaxCookies"/>, fewer when they would not fit). The header is associated data, so the
/// seal waits for the transmit timestamp: <see cref="Finish"/> seals under S2C after the edge
/// stamped the reply. A cookie that does not open gets an NTS NAK. Nothing allocated per request.
/// One owner: the loop's thread.
/// </summary>
public sealed class NtsResponder : IDisposable
{
    /// <summary>The most cookies one reply carries (chrony's limit too).</summary>
    public const int MaxCookies = 8;

    /// <summary>The reply's AEAD nonce and each cookie's nonce.</summary>
    public const int NonceLength = 16;

    /// <summary>Replies awaiting their seal: a batch holds at most 32.</summary>
    private const int PendingCapacity = 64;

    private const int MaxKeyLength = 64;
    private const int NoncesPerBatch = 32 * (1 + MaxCookies) * NonceLength;

    private readonly NtsKeyRingCell _ring;
    private readonly NtsNonces _nonces;
    private readonly NtsCookieCodec _cookies = new();
    private readonly AesSivCmac _c2s = new();
    private readonly AesSivCmac[] _sealers = new AesSivCmac[PendingCapacity];
    private readonly byte[] _plaintext = new byte[RequestClassifier.MaxRequestLength];
    private readonly PendingSeal[] _pending = new PendingSeal[PendingCapacity];
    private int _head;
    private int _count;

    /// <param name="random">The edge's random source for nonces, called between batches to refill a buffer.</param>
    public NtsResponder(NtsKeyRingCell ring, NtsRandomFill random)
    {
        _ring = ring;
        _nonces = new NtsNonces(random);
        for (int i = 0; i < PendingCapacity; i++)
        {
            _sealers[i] = new AesSivCmac();
        }
    }

    public NtsKeyRingCell Ring => _ring;

    /// <summary>Before each batch: forgets unsent seals and makes sure a batch's nonces are at hand.</summary>
    public void BeginBatch()
    {
        _head = 0;
        _count = 0;
        _nonces.EnsureAvailable(NoncesPerBatch);
    }

    /// <summary>Answers a request whose trailer has NTS fields; returns the reply length (0: dropped) and counts the outcome.</summary>
    public int Respond(ReadOnlySpan<byte> request, Span<byte> reply, NtpTimestamp receive, ServerState state, ServingCounters counters)
    {
        NtsOutcome outcome = Build(request, reply, receive, state, out int length);
        counters.CountNts(outcome);
        return outcome is NtsOutcome.Authenticated or NtsOutcome.Nak ? length : 0;
    }

    /// <summary>
    /// After the edge stamped the transmit time into <paramref name="reply"/>: seals an authenticated
    /// NTS reply (the oldest awaiting its seal, checked by origin timestamp). True for replies that are
    /// not NTS, NAKs and sealed replies; false when the record is missing (the reply must not go out).
    /// </summary>
    public bool Finish(Span<byte> reply)
    {
        if (reply.Length <= NtpHeader.Size + ExtensionFieldWriter.HeaderLength
            || BinaryPrimitives.ReadUInt16BigEndian(reply[NtpHeader.Size..]) != NtsFieldType.UniqueIdentifier
            || NtpHeader.Size + BinaryPrimitives.ReadUInt16BigEndian(reply[(NtpHeader.Size + 2)..]) >= reply.Length)
        {
            return true; // not NTS, or a NAK (header and unique id only)
        }

        if (_count == 0)
        {
            return false;
        }

        int slot = _head;
        ref PendingSeal pending = ref _pending[slot];
        _head = (_head + 1) % PendingCapacity;
        _count--;
        bool matches = pending.Origin == BinaryPrimitives.ReadUInt64BigEndian(reply[NtpHeader.OriginTimestampOffset..])
            && pending.SealedOffset + pending.SealedLength <= reply.Length;
        if (matches)
        {
            // Keyed with S2C before the stamp: only S2V and CTR run between the stamp and the send.
            _sealers[slot].SealInPlace(reply[..pending.AuthenticatorOffset], reply.Slice(pending.NonceOffset, NonceLength), reply.Slice(pending.SealedOffset, pending.SealedLength));
        }

        return matches;
    }

    public void Dispose()
    {
        _cookies.Dispose();
        _c2s.Dispose();
        Array.ForEach(_sealers, s => s.Dispose());
    }

    private NtsOutcome Build(ReadOnlySpan<byte> request, Span<byte> reply, NtpTimestamp receive, ServerState state, out int length)
    {
        length = 0;
        if (!NtsRequestReader.TryRead(request, RequestClassifier.MaxExtensionFields, out NtsRequest nts))
        {
            return NtsOutcome.Malformed;
        }

        // Normally refilled between batches (BeginBatch); this covers a caller that serves without batches.
        _nonces.EnsureAvailable(NonceLength * (1 + MaxCookies));
        NtsKeyRing ring = _ring.Current;
        Span<byte> keys = stackalloc byte[2 * MaxKeyLength];
        try
        {
            if (_cookies.TryOpen(ring, nts.Cookie, out NtsAead aead, keys[..MaxKeyLength], keys[MaxKeyLength..]) != NtsCookieOpening.Opened)
            {
                length = WriteNak(request, reply, receive, nts.UniqueIdentifier);
                return length > 0 ? NtsOutcome.Nak : NtsOutcome.Malformed;
            }

            int keyLength = AesSivCmac.KeyLength(aead);
            Span<byte> plaintext = _plaintext.AsSpan(0, nts.Ciphertext.Length - AesSivCmac.TagLength);
            _c2s.SetKey(keys[..keyLength]);
            if (!_c2s.TryOpen(request[..nts.AuthenticatorOffset], nts.Nonce, nts.Ciphertext, plaintext))
            {
                return NtsOutcome.BadAuthenticator;
            }

            bool wellFormed = TryCountPlaceholders(plaintext, nts.Cookie.Length, out int hidden);
            plaintext.Clear();
            if (!wellFormed)
            {
                return NtsOutcome.Malformed;
            }

            int requested = Math.Min(1 + nts.Placeholders + hidden, MaxCookies);
            return WriteAuthenticated(request, reply, receive, state, nts.UniqueIdentifier, ring.Current, aead, keys[..keyLength], keys.Slice(MaxKeyLength, keyLength), requested, out length);
        }
        finally
        {
            keys.Clear();
        }
    }

    private NtsOutcome WriteAuthenticated(ReadOnlySpan<byte> request, Span<byte> reply, NtpTimestamp receive, ServerState state, ReadOnlySpan<byte> unique, NtsMasterKey master, NtsAead aead, ReadOnlySpan<byte> c2s, ReadOnlySpan<byte> s2c, int requested, out int length)
    {
        length = 0;
        int position = Responder.WriteReply(request, reply, receive, state);
        int uniqueLength = position == 0 ? 0 : ExtensionFieldWriter.Write(reply[position..], NtsFieldType.UniqueIdentifier, unique);
        if (uniqueLength == 0 || _count == PendingCapacity)
        {
            return NtsOutcome.Unavailable;
        }

        position += uniqueLength;
        int cookieLength = NtsCookieCodec.CookieLength(aead);
        int cookieField = ExtensionFieldWriter.FieldLength(cookieLength);
        int cookies = requested;
        while (cookies > 0 && position + NtsAuthenticatorField.FieldLength(NonceLength, AesSivCmac.TagLength + cookies * cookieField) > reply.Length)
        {
            cookies--;
        }

        ReadOnlySpan<byte> nonces = _nonces.Take(NonceLength * (1 + cookies));
        int sealedLength = AesSivCmac.TagLength + cookies * cookieField;
        int sealedOffset = 0;
        int fieldLength = nonces.IsEmpty ? 0 : NtsAuthenticatorField.WriteFrame(reply[position..], nonces[..NonceLength], sealedLength, out sealedOffset);
        if (fieldLength == 0)
        {
            return NtsOutcome.Unavailable;
        }

        Span<byte> cookieArea = reply.Slice(position + sealedOffset + AesSivCmac.TagLength, cookies * cookieField);
        for (int i = 0; i < cookies; i++)
        {
            Span<byte> field = cookieArea.Slice(i * cookieField, cookieField);
            ExtensionFieldWriter.WriteHeader(field, NtsFieldType.Cookie, cookieLength);
            _cookies.Seal(master, aead, c2s, s2c, nonces.Slice(NonceLength * (1 + i), NonceLength), field[ExtensionFieldWriter.HeaderLength..]);
        }

        int slot = (_head + _count) % PendingCapacity;
        _pending[slot] = new PendingSeal
        {
            Origin = BinaryPrimitives.ReadUInt64BigEndian(request[NtpHeader.TransmitTimestampOffset..]),
            AuthenticatorOffset = position,
            NonceOffset = position + ExtensionFieldWriter.HeaderLength + NtsAuthenticatorField.HeaderLength,
            SealedOffset = position + sealedOffset,
            SealedLength = sealedLength,
        };
        _sealers[slot].SetKey(s2c);
        _count++;
        length = position + fieldLength;
        return NtsOutcome.Authenticated;
    }

    /// <summary>RFC 8915 §5.7's NTS NAK: a kiss-o'-death NTSN carrying the request's unique id, nothing else.</summary>
    private static int WriteNak(ReadOnlySpan<byte> request, Span<byte> reply, NtpTimestamp receive, ReadOnlySpan<byte> unique)
    {
        int length = Responder.WriteKiss(request, reply, receive, KissCode.Ntsn);
        int field = length == 0 ? 0 : ExtensionFieldWriter.Write(reply[length..], NtsFieldType.UniqueIdentifier, unique);
        return field == 0 ? 0 : length + field;
    }

    /// <summary>Counts the placeholders among the encrypted fields; false when the fields do not parse or a placeholder is not as long as the cookie.</summary>
    private static bool TryCountPlaceholders(ReadOnlySpan<byte> fields, int cookieLength, out int placeholders)
    {
        placeholders = 0;
        while (!fields.IsEmpty)
        {
            if (fields.Length < ExtensionFieldReader.MinFieldLength)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(fields[2..]);
            if (length < ExtensionFieldReader.MinFieldLength || length % 4 != 0 || length > fields.Length)
            {
                return false;
            }

            if (BinaryPrimitives.ReadUInt16BigEndian(fields) == NtsFieldType.CookiePlaceholder)
            {
                if (length - ExtensionFieldWriter.HeaderLength != cookieLength)
                {
                    return false;
                }

                placeholders++;
            }

            fields = fields[length..];
        }

        return true;
    }

    private struct PendingSeal
    {
        public ulong Origin;
        public int AuthenticatorOffset;
        public int NonceOffset;
        public int SealedOffset;
        public int SealedLength;
    }
}
