using System.ComponentModel.DataAnnotations;
using Jobs.Web.Security;

namespace Jobs.Web.Models;

public sealed class LoginForm
{
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "User name")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Enter a new password (at least 12 characters).")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string? NewPassword { get; set; }

    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    public string? ConfirmPassword { get; set; }
}

/// <summary>The account page: who you are, your password, your API keys (a new key's text only on the response that made it).</summary>
public sealed class AccountViewModel
{
    public UserRow? User { get; init; }
    public IReadOnlyList<ApiKeyRow> Keys { get; init; } = [];
    public string? NewKey { get; init; }
    public ChangePasswordForm Password { get; init; } = new();
}

/// <summary>Users page (Admins): every user and the form to add one.</summary>
public sealed class UsersViewModel
{
    public IReadOnlyList<UserRow> Users { get; init; } = [];
    public NewUserForm Form { get; init; } = new();
}

public sealed class NewUserForm
{
    [Display(Name = "User name")]
    public string? UserName { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "First password")]
    public string? Password { get; set; }

    public string? Role { get; set; } = Core.Security.Roles.Viewer;

    [Display(Name = "Server scope")]
    public string? Scope { get; set; }
}

/// <summary>One user's page (Admins): role, scope, enabled, password reset, API keys.</summary>
public sealed class UserEditViewModel
{
    public required UserRow User { get; init; }
    public IReadOnlyList<ApiKeyRow> Keys { get; init; } = [];
    public string? NewKey { get; init; }
    public string? Role { get; init; }
    public string? Scope { get; init; }
    public bool Disabled { get; init; }
}
