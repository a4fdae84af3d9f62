using CXGear.Application.Common.Security;

namespace CXGear.Application.Tests.Security;

/// <summary>Reference values of CRC-32/ISO-HDLC (zlib's <c>crc32</c>), computed outside this code.</summary>
public sealed class Crc32Tests
{
    [TestCase("123456789", 0xCBF43926u)]
    [TestCase("", 0x00000000u)]
    [TestCase("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [TestCase("123456789012345678901234567890", 0x836BD70Fu)]
    [TestCase("abcdefghijklmnopqrstuvwxyzABCD", 0xFD1C278Cu)]
    public void Compute_matches_the_zlib_reference(string ascii, uint expected)
    {
        Assert.That(Crc32.Compute(ascii), Is.EqualTo(expected));
    }

    [Test]
    public void One_changed_character_changes_the_value()
    {
        Assert.That(Crc32.Compute("123456780"), Is.Not.EqualTo(Crc32.Compute("123456789")));
    }
}
