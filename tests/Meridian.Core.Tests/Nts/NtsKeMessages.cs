using System.Buffers.Binary;
using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

/// <summary>Builds NTS-KE messages record by record for tests.</summary>
internal sealed class NtsKeMessages
{
    private readonly List<byte> _bytes = [];

    public static byte[] Request(params ushort[] aeads) => new NtsKeMessages().NextProtocol(0).Aead(aeads).End().ToArray();

    public NtsKeMessages Record(ushort type, bool critical, params byte[] body)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)(type | (critical ? 0x8000 : 0)));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)body.Length);
        _bytes.AddRange(header);
        _bytes.AddRange(body);
        return this;
    }

    public NtsKeMessages Record(NtsKeRecordType type, bool critical, params byte[] body) => Record((ushort)type, critical, body);

    public NtsKeMessages NextProtocol(params ushort[] protocols) => Record(NtsKeRecordType.NextProtocolNegotiation, true, List(protocols));

    public NtsKeMessages Aead(params ushort[] aeads) => Record(NtsKeRecordType.AeadAlgorithmNegotiation, true, List(aeads));

    public NtsKeMessages End() => Record(NtsKeRecordType.EndOfMessage, true);

    public byte[] ToArray() => [.. _bytes];

    public static byte[] List(ushort[] values)
    {
        var body = new byte[2 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2 * i), values[i]);
        }

        return body;
    }
}
