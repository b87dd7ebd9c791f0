"""Reads about a résumé's sections: which ones hold something yet, for the editor's
progress ("3 of 7 done")."""

from ..models import Resume, ResumeSection


def resume_sections_done(*, resume: Resume) -> dict[str, bool]:
    """For each section of the editor (`ResumeSection`, in its order), whether it holds
    something yet: contact a way to reach the person (a phone or an email), the lists at
    least one entry, the texts any words. Empty is allowed (references are optional):
    "done" only tells the person what is left to fill."""
    return {
        ResumeSection.CONTACT: bool(resume.contact_phone or resume.contact_email),
        ResumeSection.SUMMARY: bool(resume.summary.strip()),
        ResumeSection.EXPERIENCE: bool(resume.experience),
        ResumeSection.EDUCATION: bool(resume.education),
        ResumeSection.CERTIFICATIONS: bool(resume.certifications),
        ResumeSection.SKILLS: bool(resume.skills.strip()),
        ResumeSection.REFERENCES: bool(resume.references.strip()),
    }
