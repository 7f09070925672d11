using static Meridian.Protocol.Tests.ExtensionFieldTrailer;

namespace Meridian.Protocol.Tests;

public class ExtensionFieldReaderErrorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(15)]
    public void AFieldShorterThan16Bytes_IsLengthTooSmall(ushort declared)
    {
        var reader = new ExtensionFieldReader(FieldDeclaring(0x0104, declared, 32), maxFields: 4);

        Assert.False(reader.TryReadNext(out _));

        Assert.Equal(ExtensionFieldError.LengthTooSmall, reader.Error);
        Assert.Equal(0, reader.Count);
        Assert.False(reader.TryReadToEnd());
    }

    [Theory]
    [InlineData(17)]
    [InlineData(30)]
    [InlineData(33)]
    public void AFieldLengthNotAMultipleOf4_IsLengthNotAligned(ushort declared)
    {
        var reader = new ExtensionFieldReader(FieldDeclaring(0x0104, declared, 40), maxFields: 4);

        Assert.False(reader.TryReadToEnd());

        Assert.Equal(ExtensionFieldError.LengthNotAligned, reader.Error);
        Assert.Equal(0, reader.Count);
    }

    [Theory]
    [InlineData(36)]
    [InlineData(0xFFFC)]
    public void AFieldRunningPastTheDatagram_IsBeyondDatagram(ushort declared)
    {
        var reader = new ExtensionFieldReader(FieldDeclaring(0x0104, declared, 32), maxFields: 4);

        Assert.False(reader.TryReadToEnd());

        Assert.Equal(ExtensionFieldError.BeyondDatagram, reader.Error);
        Assert.Equal(0, reader.Count);
    }

    [Fact]
    public void AFieldDeclaring0xFFFFBytes_IsRejectedWithoutReadingIt()
    {
        var reader = new ExtensionFieldReader(FieldDeclaring(0x0104, 0xFFFF, 32), maxFields: 4);

        Assert.False(reader.TryReadNext(out _));

        Assert.Contains(reader.Error, new[] { ExtensionFieldError.LengthNotAligned, ExtensionFieldError.BeyondDatagram });
        Assert.Equal(0, reader.Count);
    }

    [Fact]
    public void MoreFieldsThanTheBound_IsTooMany()
    {
        byte[] trailer = Concat([.. Enumerable.Range(0, 60).Select(i => Field((ushort)i, 16)), Field(0x0104, 28)]);
        var reader = new ExtensionFieldReader(trailer, maxFields: 16);

        Assert.False(reader.TryReadToEnd());

        Assert.Equal(ExtensionFieldError.TooMany, reader.Error);
        Assert.Equal(16, reader.Count);
    }

    [Fact]
    public void ExactlyTheBound_IsAccepted()
    {
        byte[] trailer = Concat([.. Enumerable.Range(0, 15).Select(i => Field((ushort)i, 16)), Field(0x0104, 28)]);
        var reader = new ExtensionFieldReader(trailer, maxFields: 16);

        Assert.True(reader.TryReadToEnd());

        Assert.Equal(16, reader.Count);
    }

    [Fact]
    public void AnErrorAfterAGoodField_KeepsTheCountAndStopsReading()
    {
        byte[] trailer = Concat(Field(0x0104, 28), FieldDeclaring(0x0204, 8, 28));
        var reader = new ExtensionFieldReader(trailer, maxFields: 4);

        Assert.True(reader.TryReadNext(out _));
        Assert.False(reader.TryReadNext(out _));
        Assert.False(reader.TryReadNext(out _));

        Assert.Equal(ExtensionFieldError.LengthTooSmall, reader.Error);
        Assert.Equal(1, reader.Count);
        Assert.False(reader.TryReadToEnd());
    }
}
