using static Meridian.Protocol.Tests.ExtensionFieldTrailer;

namespace Meridian.Protocol.Tests;

public class ExtensionFieldReaderMacTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    [InlineData(24)]
    public void ARemainderOfAMacLength_IsTheMac(int length)
    {
        byte[] trailer = Mac(length);
        var reader = new ExtensionFieldReader(trailer, maxFields: 4);

        Assert.True(reader.TryReadToEnd());

        Assert.Equal(length, reader.Mac.Length);
        Assert.Equal(trailer, reader.Mac.ToArray());
        Assert.Equal(ExtensionFieldError.None, reader.Error);
        Assert.Equal(0, reader.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(21)]
    public void ARemainderOfAnyOtherShortLength_IsBadMacLength(int length)
    {
        var reader = new ExtensionFieldReader(Mac(length), maxFields: 4);

        Assert.False(reader.TryReadToEnd());

        Assert.Equal(ExtensionFieldError.BadMacLength, reader.Error);
        Assert.Equal(0, reader.Mac.Length);
    }

    [Theory]
    [InlineData(16, 20)]
    [InlineData(16, 24)]
    [InlineData(28, 4)]
    [InlineData(40, 20)]
    public void FieldsFollowedByAMac_YieldTheFieldsThenTheMac(int fieldLength, int macLength)
    {
        byte[] mac = Mac(macLength);
        var reader = new ExtensionFieldReader(Concat(Field(0x0404, fieldLength), mac), maxFields: 4);

        Assert.True(reader.TryReadNext(out ExtensionField field));
        Assert.Equal(0x0404, field.Type);
        Assert.Equal(fieldLength - 4, field.Value.Length);
        Assert.False(reader.TryReadNext(out _));

        Assert.Equal(ExtensionFieldError.None, reader.Error);
        Assert.Equal(mac, reader.Mac.ToArray());
        Assert.Equal(1, reader.Count);
    }

    [Fact]
    public void ALast16ByteFieldWithoutAMac_IsBadMacLength()
    {
        // RFC 7822 §7.5: without a MAC the last field must be at least 28 bytes.
        var reader = new ExtensionFieldReader(Concat(Field(1, 16), Field(2, 16)), maxFields: 4);

        Assert.False(reader.TryReadToEnd());

        Assert.Equal(ExtensionFieldError.BadMacLength, reader.Error);
        Assert.Equal(1, reader.Count);
    }
}
