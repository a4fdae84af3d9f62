using CXGear.Domain.Users;
using CXGear.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.FullName).HasMaxLength(User.MaxFullNameLength).IsRequired();
        builder.Property(u => u.Email).HasMaxLength(User.MaxEmailLength).IsRequired();
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(u => u.OrganizationId);
        builder.HasOne<Domain.Organizations.Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        // The credential row shares the id; deleting one without the other must be impossible.
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<User>(u => u.Id).OnDelete(DeleteBehavior.Cascade);

        // Role assignments are part of the user aggregate, so they load with it.
        builder.OwnsMany(u => u.Roles, roles =>
        {
            roles.ToTable("UserRoles");
            roles.WithOwner().HasForeignKey(r => r.UserId);
            roles.HasKey(r => new { r.UserId, r.RoleId });
            // The role id comes from the caller, never the database: without this EF treats a key part as
            // store-generated and tracks a newly added assignment as Modified, so it would never be inserted.
            roles.Property(r => r.RoleId).ValueGeneratedNever();
            roles.HasIndex(r => r.RoleId);
        });
        builder.Navigation(u => u.Roles).HasField("_roles").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
