import { describe, expect, it } from 'vitest'
import { hasValidCheckDigits, readGraduateFile } from './graduateFile.ts'

const FS_EXPORT = [
  '\uFEFFStudentnummer;Fødselsnummer;Fornavn;Etternavn;E-post;Programkode;Studieprogram;Grad;Termin;Studiepoeng',
  '512345;01819010001;Kari;Nordmann;Kari.Nordmann@Example.org;MEVIT-MA;Medievitenskap;Master;2019 VÅR;120',
  '512346;;Ola;Hansen;;INF-BA;Informatikk;Bachelorgrad;H2021;180,0',
  ';;Uten;Nummer;uten@example.org;X;Historie;Master;2020 VÅR;120',
  '512348;01819010002;Feil;Kontroll;feil@example.org;X;Historie;Master;2020 VÅR;120',
  '512349;;Ingen;Program;ingen@example.org;X;;Master;2020 VÅR;120',
].join('\r\n')

describe('a graduate list as the student register exports it', () => {
  it('reads a semicolon file with a byte order mark, Norwegian headers, terms and decimal credits', () => {
    const { columns, lines } = readGraduateFile(FS_EXPORT)
    expect(columns).toEqual(expect.arrayContaining(['studentNumber', 'nationalId', 'email', 'term', 'credits']))
    expect(lines[0]).toEqual({
      line: 2,
      value: {
        studentNumber: '512345',
        nationalId: '01819010001',
        email: 'kari.nordmann@example.org',
        name: 'Kari Nordmann',
        programmeCode: 'MEVIT-MA',
        programme: 'Medievitenskap',
        degree: 'master',
        graduatedOn: null,
        graduationYear: 2019,
        credits: 120,
      },
    })
    expect(lines[1]).toMatchObject({ value: { degree: 'bachelor', graduationYear: 2021, credits: 180, email: null } })
  })

  it('says which field of a bad line is wrong, by its line in the file', () => {
    const { lines } = readGraduateFile(FS_EXPORT)
    expect(lines.slice(2)).toEqual([
      { line: 4, name: 'Uten Nummer', field: 'studentNumber', problem: 'missing' },
      { line: 5, name: 'Feil Kontroll', field: 'nationalId', problem: 'checkDigits' },
      { line: 6, name: 'Ingen Program', field: 'programme', problem: 'missing' },
    ])
  })

  it('reads a comma file with exact dates in either order of the day and the month', () => {
    const csv =
      'student_number,name,email,programme,degree,graduation_date\n9,Per Dato,per@example.org,Teologi,Ph.D.,14.06.2018\n10,Anne Iso,anne@example.org,Teologi,cand.theol.,2017-12-20\n11,Bad Date,b@example.org,Teologi,master,31.02.2018'
    const { lines } = readGraduateFile(csv)
    expect(lines[0]).toMatchObject({ value: { degree: 'phd', graduatedOn: '2018-06-14', graduationYear: 2018 } })
    expect(lines[1]).toMatchObject({ value: { degree: 'master', graduatedOn: '2017-12-20' } })
    expect(lines[2]).toMatchObject({ field: 'graduatedOn', problem: 'notADate' })
  })

  it('checks both check digits of a national id number', () => {
    expect(hasValidCheckDigits('01819010001')).toBe(true)
    expect(hasValidCheckDigits('15828510085')).toBe(true)
    expect(hasValidCheckDigits('01819010010')).toBe(false)
    expect(hasValidCheckDigits('11111111111')).toBe(false)
  })
})
