import type { HandlerTable } from '../../sync/mutationContext.ts'
import { addEducation, removeEducation, verifyEducation } from './mutations.ts'

export const EDUCATION_HANDLERS = {
  'education.add': addEducation,
  'education.remove': removeEducation,
  'education.verify': verifyEducation,
} satisfies Partial<HandlerTable>
