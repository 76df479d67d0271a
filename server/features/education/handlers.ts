import type { HandlerTable } from '../../sync/mutationContext.ts'
import { addEducation, removeEducation } from './mutations.ts'

export const EDUCATION_HANDLERS = {
  'education.add': addEducation,
  'education.remove': removeEducation,
} satisfies Partial<HandlerTable>
