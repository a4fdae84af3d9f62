using CXGear.Application.Common.Behaviors;

namespace CXGear.Application.Tests.Behaviors;

public sealed class FieldPathsTests
{
    [TestCase("Email", "email")]
    [TestCase("Records[3].Phone", "records[3].phone")]
    [TestCase("Owner.Address.PostCode", "owner.address.postCode")]
    [TestCase("currentPassword", "currentPassword")]
    [TestCase("", "")]
    public void ToCamelCase_lowers_the_first_letter_of_each_segment(string path, string expected)
    {
        Assert.That(FieldPaths.ToCamelCase(path), Is.EqualTo(expected));
    }
}
